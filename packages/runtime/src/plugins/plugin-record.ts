import type { DistilleryPlugin, PluginKind } from '@distillery/core';

/** A factory as a plugin package exports it: options in, one plugin or several out. */
export type PluginFactory = (
  options?: Record<string, unknown>,
) => DistilleryPlugin | readonly DistilleryPlugin[];

export interface PluginRecord {
  plugin: DistilleryPlugin;
  kind: PluginKind;
  id: string;
  /** `builtin`, `config` (an object in the config file) or the package name it was loaded from. */
  source: string;
  packageName: string | undefined;
  version: string | undefined;
  /** The factory that made it, so a provider can be made again with other settings. */
  factory: PluginFactory | undefined;
}
