import type { PluginKind } from './plugin-kinds';

/** Every plugin object carries these. The runtime checks shape and version, never `instanceof`. */
export interface PluginBase<K extends PluginKind, V extends string = 'v1'> {
  /** The version of its kind's contract the plugin implements (each kind is versioned on its own). */
  readonly specificationVersion: V;
  readonly kind: K;
  /** Stable id users name in configs and on the command line, e.g. `deepseek-r1`. */
  readonly id: string;
  readonly description?: string;
}
