import harmonyPackage from '@distillery/parser-harmony/package.json' with { type: 'json' };
import markersPackage from '@distillery/parser-markers/package.json' with { type: 'json' };
import anthropicPackage from '@distillery/provider-anthropic/package.json' with { type: 'json' };
import openaiPackage from '@distillery/provider-openai/package.json' with { type: 'json' };
import togetherPackage from '@distillery/provider-together/package.json' with { type: 'json' };
import type { BuiltinPluginPackage } from '@distillery/runtime';
import scorersPackage from '@distillery/scorers/package.json' with { type: 'json' };

/**
 * What the `distill` command bundles, as manifests: each package's `distillery.plugins` from its
 * package.json, imported only when one of its plugins is first used. A config's `plugins` add to
 * these or replace them by id.
 */
export const builtinPlugins: readonly BuiltinPluginPackage[] = [
  {
    packageName: markersPackage.name,
    version: markersPackage.version,
    manifests: markersPackage.distillery.plugins,
    load: async () => (await import('@distillery/parser-markers')).default,
  },
  {
    packageName: harmonyPackage.name,
    version: harmonyPackage.version,
    manifests: harmonyPackage.distillery.plugins,
    load: async () => (await import('@distillery/parser-harmony')).default,
  },
  {
    packageName: openaiPackage.name,
    version: openaiPackage.version,
    manifests: openaiPackage.distillery.plugins,
    load: async () => (await import('@distillery/provider-openai')).default,
  },
  {
    packageName: togetherPackage.name,
    version: togetherPackage.version,
    manifests: togetherPackage.distillery.plugins,
    load: async () => (await import('@distillery/provider-together')).default,
  },
  {
    packageName: anthropicPackage.name,
    version: anthropicPackage.version,
    manifests: anthropicPackage.distillery.plugins,
    load: async () => (await import('@distillery/provider-anthropic')).default,
  },
  {
    packageName: scorersPackage.name,
    version: scorersPackage.version,
    manifests: scorersPackage.distillery.plugins,
    load: async () => (await import('@distillery/scorers')).default,
  },
];
