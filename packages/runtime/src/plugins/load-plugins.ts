import { ConfigError, type DistilleryConfig, type ProviderSettings } from '@distillery/core';
import type { RuntimeContext } from '../context/runtime-context';
import { expandPluginModule } from './expand-plugin-module';
import { importPluginPackage } from './import-plugin-package';
import type { PluginRecord } from './plugin-record';
import { PluginRegistry } from './plugin-registry';
import { readPackageInfo } from './read-package-info';

/** A plugin module bundled by the host application (the CLI, the web server). */
export interface BuiltinPluginModule {
  value: unknown;
  packageName: string;
  version?: string;
}

export interface LoadPluginsOptions {
  config: DistilleryConfig;
  /** The config file (or a file in the folder) package names are resolved from. */
  resolveFrom: string;
  builtins?: readonly BuiltinPluginModule[];
}

function addAll(
  registry: PluginRegistry,
  value: unknown,
  source: string,
  options: Record<string, unknown>,
  info: { packageName?: string; version?: string },
): void {
  for (const { plugin, factory } of expandPluginModule(value, source, options)) {
    registry.add({
      plugin,
      kind: plugin.kind,
      id: plugin.id,
      source,
      packageName: info.packageName,
      version: info.version,
      factory,
    } satisfies PluginRecord);
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
    ...(settings.baseURL ? { baseURL: settings.baseURL } : {}),
    ...(settings.timeoutMs ? { timeoutMs: settings.timeoutMs } : {}),
    ...(settings.maxRetries !== undefined ? { maxRetries: settings.maxRetries } : {}),
  };
}

/**
 * Builds the plugin registry: the host's built-ins first, then the config's `plugins` (objects,
 * package names resolved from the config's folder, or [name, options]), then one provider per
 * `providers` entry made by its provider plugin's factory with those settings.
 */
export async function loadPlugins(ctx: RuntimeContext, options: LoadPluginsOptions): Promise<PluginRegistry> {
  const registry = new PluginRegistry();
  const base = { env: ctx.env };
  for (const builtin of options.builtins ?? []) {
    addAll(registry, builtin.value, builtin.packageName, base, builtin);
  }
  for (const [index, entry] of options.config.plugins.entries()) {
    if (typeof entry === 'string' || Array.isArray(entry)) {
      const [name, entryOptions] =
        typeof entry === 'string' ? [entry, {}] : (entry as [string, Record<string, unknown>]);
      const { value, url } = await importPluginPackage(name, options.resolveFrom);
      const info = readPackageInfo(url);
      addAll(
        registry,
        value,
        name,
        { ...base, ...entryOptions },
        { packageName: info.name ?? name, version: info.version },
      );
    } else {
      addAll(registry, entry, `config plugins[${index}]`, base, {});
    }
  }
  for (const [name, settings] of Object.entries(options.config.providers)) {
    const pluginId = settings.plugin ?? name;
    const record = registry.record('model-provider', pluginId);
    if (!record) {
      throw new ConfigError(`Provider "${name}" uses provider plugin "${pluginId}", which is not loaded.`, {
        keyPath: `providers.${name}`,
        advice: `Set \`plugin\` to one of: ${registry
          .list('model-provider')
          .map((r) => r.id)
          .join(', ')}; or add the plugin's package to \`plugins\`.`,
      });
    }
    if (!record.factory) {
      throw new ConfigError(
        `Provider plugin "${pluginId}" takes no settings, so providers.${name} cannot configure it.`,
        {
          keyPath: `providers.${name}`,
          advice: 'Export a factory function from the provider package, or remove the settings.',
        },
      );
    }
    addAll(registry, record.factory(providerOptions(name, settings, ctx.env)), record.source, {}, record);
  }
  return registry;
}
