import type { DistilleryPlugin } from '../contracts/plugin';
import { isPluginKind, PLUGIN_KINDS, pluginKindSpec } from '../contracts/plugin-kinds';
import { PluginError } from '../errors/plugin-error';

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return JSON.stringify(value);
  return typeof value;
}

const quoted = (values: readonly string[]) => values.map((v) => `"${v}"`).join(', ');

function hasType(value: unknown, type: 'string' | 'string[]'): boolean {
  return type === 'string'
    ? typeof value === 'string' && value.length > 0
    : Array.isArray(value) && value.every((v) => typeof v === 'string');
}

/**
 * Checks that `value` is a plugin this core understands: its kind, id, the kind's
 * `specificationVersion`, required methods and properties, and the methods of every capability
 * it claims (`capabilities`, e.g. from its manifest). Throws a PluginError that names the plugin
 * (`source`), what it declared and what is supported.
 */
export function checkPlugin(
  value: unknown,
  source: string,
  capabilities: readonly string[] = [],
): DistilleryPlugin {
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
  const kind = plugin.kind;
  if (!isPluginKind(kind)) {
    throw new PluginError(
      `Plugin ${name} declares kind ${describe(kind)}; known kinds are ${PLUGIN_KINDS.join(', ')}.`,
      { pluginId: id, advice: 'Set `kind` to one of the known kinds.' },
    );
  }
  const spec = pluginKindSpec(kind);
  const version = plugin.specificationVersion;
  if (!(spec.versions as readonly unknown[]).includes(version)) {
    const latest = spec.versions[spec.versions.length - 1];
    throw new PluginError(
      `Plugin ${name} declares specificationVersion ${describe(version)}; this Distillery supports ${quoted(spec.versions)} for ${spec.label}s.`,
      {
        pluginId: id,
        advice:
          version === undefined
            ? `Add \`specificationVersion: "${latest}"\` to the plugin object (or build it with definePlugin).`
            : 'Install a version of the plugin built for this Distillery, or upgrade @distillery/core.',
      },
    );
  }
  const missing = spec.methods.filter((method) => typeof plugin[method] !== 'function');
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
  for (const capability of capabilities) {
    const methods = spec.capabilities[capability];
    if (!methods) {
      throw new PluginError(
        `Plugin ${name} claims capability "${capability}", which a ${spec.label} cannot have.`,
        {
          pluginId: id,
          advice: `Known ${spec.label} capabilities: ${Object.keys(spec.capabilities).join(', ') || 'none'}.`,
        },
      );
    }
    for (const method of methods)
      if (typeof plugin[method] !== 'function' && !missing.includes(method)) missing.push(method);
  }
  if (missing.length > 0) {
    throw new PluginError(
      `Plugin ${name} is a ${kind} but lacks ${missing.map((m) => `\`${m}()\``).join(', ')}.`,
      { pluginId: id, advice: `Implement the ${kind} ${String(version)} contract from @distillery/core.` },
    );
  }
  const wrong = Object.entries(spec.properties).filter(([key, type]) => !hasType(plugin[key], type));
  if (wrong.length > 0) {
    throw new PluginError(
      `Plugin ${name} is a ${kind} but lacks ${wrong.map(([key, type]) => `\`${key}\` (${type})`).join(', ')}.`,
      { pluginId: id, advice: `Implement the ${kind} ${String(version)} contract from @distillery/core.` },
    );
  }
  return value as DistilleryPlugin;
}
