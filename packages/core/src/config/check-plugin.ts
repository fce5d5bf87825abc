import type { DistilleryPlugin } from '../contracts/plugin';
import { PLUGIN_KINDS, type PluginKind, SUPPORTED_SPECIFICATION_VERSIONS } from '../contracts/plugin-base';
import { PluginError } from '../errors/plugin-error';

const REQUIRED_METHODS: Record<PluginKind, readonly string[]> = {
  'reasoning-parser': ['create'],
  'model-provider': ['chat', 'stream'],
  'call-flow': ['run'],
  'fine-tune-backend': ['check', 'upload', 'create', 'get', 'events', 'cancel'],
  // A scorer needs `score` (mode single) or `compare` (mode pairwise); checked below.
  scorer: [],
};

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return JSON.stringify(value);
  return typeof value;
}

/**
 * Checks that `value` is a plugin this core understands: its kind, id, `specificationVersion`
 * and required methods. Throws a PluginError that names the plugin (`source`), what it declared
 * and what is supported.
 */
export function checkPlugin(value: unknown, source: string): DistilleryPlugin {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new PluginError(`Plugin from ${source} is ${describe(value)}, not a plugin object.`, {
      advice:
        'A plugin package must export a plugin object, an array of them, or a function returning either.',
    });
  }
  const plugin = value as Record<string, unknown>;
  const id = typeof plugin.id === 'string' && plugin.id.length > 0 ? plugin.id : undefined;
  const name = id ? `"${id}" from ${source}` : `from ${source}`;
  if (!id) {
    throw new PluginError(`Plugin ${name} has no string \`id\`.`, {
      advice: 'Give the plugin a stable `id`, e.g. `id: "my-parser"`.',
    });
  }
  const version = plugin.specificationVersion;
  if (!(SUPPORTED_SPECIFICATION_VERSIONS as readonly unknown[]).includes(version)) {
    throw new PluginError(
      `Plugin ${name} declares specificationVersion ${describe(version)}; this Distillery supports ${SUPPORTED_SPECIFICATION_VERSIONS.map((v) => `"${v}"`).join(', ')}.`,
      {
        pluginId: id,
        advice:
          version === undefined
            ? 'Add `specificationVersion: "v1"` to the plugin object (or build it with definePlugin).'
            : 'Install a version of the plugin built for this Distillery, or upgrade @distillery/core.',
      },
    );
  }
  const kind = plugin.kind;
  if (!(PLUGIN_KINDS as readonly unknown[]).includes(kind)) {
    throw new PluginError(
      `Plugin ${name} declares kind ${describe(kind)}; known kinds are ${PLUGIN_KINDS.join(', ')}.`,
      { pluginId: id, advice: 'Set `kind` to one of the known kinds.' },
    );
  }
  const missing = REQUIRED_METHODS[kind as PluginKind].filter(
    (method) => typeof plugin[method] !== 'function',
  );
  if (kind === 'scorer') {
    const method = plugin.mode === 'pairwise' ? 'compare' : 'score';
    if (plugin.mode !== 'single' && plugin.mode !== 'pairwise') {
      throw new PluginError(`Plugin ${name} is a scorer with mode ${describe(plugin.mode)}.`, {
        pluginId: id,
        advice: 'Set `mode` to "single" (implement `score()`) or "pairwise" (implement `compare()`).',
      });
    }
    if (typeof plugin[method] !== 'function') missing.push(method);
  }
  if (missing.length > 0) {
    throw new PluginError(
      `Plugin ${name} is a ${kind as string} but lacks ${missing.map((m) => `\`${m}()\``).join(', ')}.`,
      { pluginId: id, advice: `Implement the ${kind as string} v1 contract from @distillery/core.` },
    );
  }
  return value as unknown as DistilleryPlugin;
}
