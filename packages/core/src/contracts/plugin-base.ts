/** The contract versions this copy of core understands. */
export const SUPPORTED_SPECIFICATION_VERSIONS = ['v1'] as const;
export type SpecificationVersion = (typeof SUPPORTED_SPECIFICATION_VERSIONS)[number];

export const PLUGIN_KINDS = [
  'reasoning-parser',
  'model-provider',
  'call-flow',
  'fine-tune-backend',
  'scorer',
] as const;
export type PluginKind = (typeof PLUGIN_KINDS)[number];

/** Every plugin object carries these. The runtime checks shape and version, never `instanceof`. */
export interface PluginBase<K extends PluginKind> {
  readonly specificationVersion: SpecificationVersion;
  readonly kind: K;
  /** Stable id users name in configs and on the command line, e.g. `deepseek-r1`. */
  readonly id: string;
  readonly description?: string;
}
