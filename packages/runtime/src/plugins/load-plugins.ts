import type { DistilleryConfig, ProviderSettings } from '@distillery/core';
import { ConfigError, checkPluginManifest, type PluginManifest } from '@distillery/core/contracts';
import type { RuntimeContext } from '../context/runtime-context';
import { expandPluginModule } from './expand-plugin-module';
import { findPluginPackage } from './find-plugin-package';
import { importPluginPackage } from './import-plugin-package';
import type { PluginRecord } from './plugin-record';
import { PluginRegistry } from './plugin-registry';
import { createPluginSource, loadFromSource, type PluginSource } from './plugin-source';
import { readPackageInfo } from './read-package-info';

/**
 * A plugin package bundled by the host application (the CLI, the web server): its manifests,
 * read without importing it, and how to import it on first use.
 */
export interface BuiltinPluginPackage {
  packageName: string;
  version?: string;
  /** The package's `distillery.plugins` (from its package.json); checked when registered. */
  manifests: readonly unknown[];
  load: () => Promise<unknown>;
}

/** An already imported plugin module (a plugin, an array, or a factory) the host bundles. */
export interface BuiltinPluginValue {
  value: unknown;
  packageName: string;
  version?: string;
}

export type BuiltinPluginModule = BuiltinPluginPackage | BuiltinPluginValue;

export interface LoadPluginsOptions {
  config: DistilleryConfig;
  /** The config file (or a file in the folder) package names are resolved from. */
  resolveFrom: string;
  builtins?: readonly BuiltinPluginModule[];
}

interface Origin {
  source: PluginSource;
  packageName: string | undefined;
  version: string | undefined;
}

function lazyRecord(
  manifest: PluginManifest,
  origin: Origin,
  options: Record<string, unknown>,
): PluginRecord {
  let loaded: Promise<unknown> | undefined;
  return {
    kind: manifest.kind,
    id: manifest.id,
    manifest,
    source: origin.source.name,
    packageName: origin.packageName,
    version: origin.version,
    load() {
      loaded ??= loadFromSource(origin.source, options, manifest);
      return loaded as Promise<never>;
    },
  };
}

function addManifests(
  registry: PluginRegistry,
  origins: Map<PluginRecord, Origin>,
  manifests: readonly unknown[],
  origin: Origin,
  options: Record<string, unknown>,
): void {
  for (const entry of manifests) {
    const record = lazyRecord(checkPluginManifest(entry, origin.source.name), origin, options);
    registry.add(record);
    origins.set(record, origin);
  }
}

/** Imports a module now (a package without a manifest, or a plugin object in the config). */
function addLoaded(
  registry: PluginRegistry,
  origins: Map<PluginRecord, Origin>,
  value: unknown,
  name: string,
  options: Record<string, unknown>,
  info: { packageName: string | undefined; version: string | undefined },
): void {
  const origin: Origin = { source: createPluginSource(name, async () => value), ...info };
  for (const { plugin } of expandPluginModule(value, name, options)) {
    const manifest: PluginManifest = {
      kind: plugin.kind,
      id: plugin.id,
      specificationVersion: plugin.specificationVersion,
      ...(plugin.description ? { description: plugin.description } : {}),
      // What a manifest would say of a trainer, read off the loaded object.
      ...(plugin.kind === 'fine-tune-backend'
        ? { formats: [...plugin.formats], provider: plugin.provider }
        : {}),
    };
    const record = lazyRecord(manifest, origin, options);
    registry.add(record);
    origins.set(record, origin);
  }
}

function providerOptions(
  name: string,
  settings: ProviderSettings,
  env: RuntimeContext['env'],
): Record<string, unknown> {
  const apiKey = settings.apiKey ?? (settings.apiKeyEnv ? env[settings.apiKeyEnv] : undefined);
  return {
    ...settings.options,
    id: name,
    env,
    ...(apiKey ? { apiKey } : {}),
    // Errors about a missing or refused key name the variable the config reads it from.
    ...(settings.apiKeyEnv ? { apiKeyEnv: settings.apiKeyEnv } : {}),
    ...(settings.baseURL ? { baseURL: settings.baseURL } : {}),
    ...(settings.timeoutMs ? { timeoutMs: settings.timeoutMs } : {}),
    ...(settings.maxRetries !== undefined ? { maxRetries: settings.maxRetries } : {}),
  };
}

/**
 * Builds the plugin registry from manifests, importing no plugin that has one: the host's
 * built-ins first, then the config's `plugins` (objects, package names resolved from the
 * config's folder, or [name, options]), then one provider per `providers` entry, made on first
 * use by its provider plugin's factory with those settings. A package without a `distillery`
 * manifest in its package.json is imported at once, as before manifests existed.
 */
export async function loadPlugins(ctx: RuntimeContext, options: LoadPluginsOptions): Promise<PluginRegistry> {
  const registry = new PluginRegistry();
  const origins = new Map<PluginRecord, Origin>();
  const base = { env: ctx.env };
  for (const builtin of options.builtins ?? []) {
    const info = { packageName: builtin.packageName, version: builtin.version };
    if ('manifests' in builtin) {
      const source = createPluginSource(builtin.packageName, builtin.load);
      addManifests(registry, origins, builtin.manifests, { source, ...info }, base);
    } else {
      addLoaded(registry, origins, builtin.value, builtin.packageName, base, info);
    }
  }
  for (const [index, entry] of options.config.plugins.entries()) {
    if (typeof entry === 'string' || Array.isArray(entry)) {
      const [name, entryOptions] =
        typeof entry === 'string' ? [entry, {}] : (entry as [string, Record<string, unknown>]);
      const pluginOptions = { ...base, ...entryOptions };
      const found = /^[./]/.test(name) ? undefined : findPluginPackage(name, options.resolveFrom);
      if (found?.manifest && Array.isArray(found.manifest.plugins)) {
        const source = createPluginSource(
          name,
          async () => (await importPluginPackage(name, options.resolveFrom)).value,
        );
        addManifests(
          registry,
          origins,
          found.manifest.plugins,
          { source, packageName: found.name, version: found.version },
          pluginOptions,
        );
      } else {
        const { value, url } = await importPluginPackage(name, options.resolveFrom);
        const info = readPackageInfo(url);
        addLoaded(registry, origins, value, name, pluginOptions, {
          packageName: info.name ?? name,
          version: info.version,
        });
      }
    } else {
      addLoaded(registry, origins, entry, `config plugins[${index}]`, base, {
        packageName: undefined,
        version: undefined,
      });
    }
  }
  for (const [name, settings] of Object.entries(options.config.providers)) {
    const pluginId = settings.plugin ?? name;
    const record = registry.record('model-provider', pluginId);
    const origin = record && origins.get(record);
    if (!record || !origin) {
      throw new ConfigError(`Provider "${name}" uses provider plugin "${pluginId}", which is not loaded.`, {
        keyPath: `providers.${name}`,
        advice: `Set \`plugin\` to one of: ${registry
          .list('model-provider')
          .map((r) => r.id)
          .join(', ')}; or add the plugin's package to \`plugins\`.`,
      });
    }
    const configured = providerOptions(name, settings, ctx.env);
    // The entry configures the provider; an entry named after its plugin reconfigures the
    // package's other plugins of that id too (a backend sharing the provider's key).
    const siblings = registry
      .list()
      .filter((r) => r.id === pluginId && r.kind !== 'model-provider' && origins.get(r) === origin);
    const settingsSource: PluginSource = {
      name: origin.source.name,
      isFactory: () => origin.source.isFactory(),
      async make(opts) {
        if (!(await origin.source.isFactory())) {
          throw new ConfigError(
            `Provider plugin "${pluginId}" takes no settings, so providers.${name} cannot configure it.`,
            {
              keyPath: `providers.${name}`,
              advice: 'Export a factory function from the provider package, or remove the settings.',
            },
          );
        }
        return origin.source.make(opts);
      },
    };
    const configuredOrigin: Origin = { ...origin, source: settingsSource };
    for (const r of [record, ...(name === pluginId ? siblings : [])]) {
      const added = lazyRecord({ ...r.manifest, id: name }, configuredOrigin, configured);
      registry.add(added);
      origins.set(added, configuredOrigin);
    }
  }
  return registry;
}
