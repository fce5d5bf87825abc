import type { PluginKind } from './plugin-kinds';

/**
 * What a plugin package says about one of its plugins without being imported: in its
 * `package.json` under `distillery.plugins`, or (for plugins built into a host) next to a
 * `load` function. Readable with no SDK loaded, so listing plugins and choosing one is cheap.
 */
export interface PluginManifest<K extends PluginKind = PluginKind> {
  kind: K;
  id: string;
  /** The version of the kind's contract the implementation declares. */
  specificationVersion: string;
  description?: string;
  /** Optional capabilities the implementation offers (names from the kind table). */
  capabilities?: readonly string[];
  /** fine-tune-backend: export formats it trains on, in order of preference. */
  formats?: readonly string[];
  /** fine-tune-backend: the model provider that calls its fine-tunes. */
  provider?: string;
  /** model-provider: environment variables it reads its key and base URL from. */
  env?: readonly string[];
  /** model-provider: preset ids a `providers` entry can pick with `plugin: <this id>` and its own name. */
  presets?: readonly string[];
  /** reasoning-parser: the markers it recognises, e.g. `['<think>', '</think>']`. */
  markers?: readonly string[];
  /**
   * reasoning-parser: the model ids it fits, as case-insensitive regular expressions matched
   * anywhere in the id (`gpt-oss`, `qwen3-.*-thinking`), so a host picks a parser for a model
   * from manifests alone.
   */
  models?: readonly string[];
}

/** The `distillery` field of a plugin package's package.json. */
export interface PluginPackageManifest {
  plugins: readonly PluginManifest[];
}
