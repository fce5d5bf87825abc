import type { DistilleryPlugin, PluginKind, PluginManifest, PluginOfKind } from '@distillery/core';

/** A factory as a plugin package exports it: options in, one plugin or several out. */
export type PluginFactory = (
  options?: Record<string, unknown>,
) => DistilleryPlugin | readonly DistilleryPlugin[];

/** One plugin the registry knows: its manifest at once, its implementation on first `load()`. */
export interface PluginRecord<K extends PluginKind = PluginKind> {
  kind: K;
  id: string;
  manifest: PluginManifest<K>;
  /** `config plugins[i]` (an object in the config file) or the package name it comes from. */
  source: string;
  packageName: string | undefined;
  version: string | undefined;
  /** Imports the implementation (once), checks it against its kind and manifest, returns it. */
  load(): Promise<PluginOfKind<K>>;
}
