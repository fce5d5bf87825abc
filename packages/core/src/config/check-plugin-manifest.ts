import { isPluginKind, PLUGIN_KINDS, pluginKindSpec } from '../contracts/plugin-kinds';
import type { PluginManifest } from '../contracts/plugin-manifest';
import { PluginError } from '../errors/plugin-error';

const quoted = (values: readonly string[]) => values.map((v) => `"${v}"`).join(', ');

/**
 * Checks a manifest entry (from a package.json's `distillery.plugins` or a host's built-in list)
 * before anything is imported: a known kind, an id, a contract version this core supports for
 * that kind, and capabilities the kind can have.
 */
export function checkPluginManifest(value: unknown, source: string): PluginManifest {
  const m = (typeof value === 'object' && value !== null ? value : {}) as Record<string, unknown>;
  const id = typeof m.id === 'string' && m.id.length > 0 ? m.id : undefined;
  const name = id ? `"${id}" from ${source}` : `from ${source}`;
  const advice = "Fix the package's `distillery.plugins` manifest in its package.json.";
  if (!id) throw new PluginError(`Plugin manifest ${name} has no string \`id\`.`, { advice });
  if (!isPluginKind(m.kind)) {
    throw new PluginError(
      `Plugin ${name} declares kind ${JSON.stringify(m.kind)}; known kinds are ${PLUGIN_KINDS.join(', ')}.`,
      { pluginId: id, advice },
    );
  }
  const spec = pluginKindSpec(m.kind);
  if (!(spec.versions as readonly unknown[]).includes(m.specificationVersion)) {
    throw new PluginError(
      `Plugin ${name} declares specificationVersion ${JSON.stringify(m.specificationVersion)}; this Distillery supports ${quoted(spec.versions)} for ${spec.label}s.`,
      {
        pluginId: id,
        advice: 'Install a version of the plugin built for this Distillery, or upgrade @distillery/core.',
      },
    );
  }
  const capabilities = Array.isArray(m.capabilities) ? (m.capabilities as unknown[]) : [];
  const unknown = capabilities.filter((c) => typeof c !== 'string' || !Object.hasOwn(spec.capabilities, c));
  if (unknown.length > 0) {
    throw new PluginError(
      `Plugin ${name} claims capability ${JSON.stringify(unknown[0])}, which a ${spec.label} cannot have.`,
      {
        pluginId: id,
        advice: `Known ${spec.label} capabilities: ${Object.keys(spec.capabilities).join(', ') || 'none'}.`,
      },
    );
  }
  const strings = (key: string): readonly string[] | undefined =>
    Array.isArray(m[key])
      ? (m[key] as unknown[]).filter((v): v is string => typeof v === 'string')
      : undefined;
  const text = (key: string): string | undefined => (typeof m[key] === 'string' ? m[key] : undefined);
  const manifest: PluginManifest = {
    kind: m.kind,
    id,
    specificationVersion: m.specificationVersion as string,
  };
  const description = text('description');
  if (description) manifest.description = description;
  for (const key of ['capabilities', 'formats', 'env', 'presets', 'markers', 'models'] as const) {
    const list = strings(key);
    if (list) manifest[key] = list;
  }
  const provider = text('provider');
  if (provider) manifest.provider = provider;
  return manifest;
}
