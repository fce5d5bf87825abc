import path from 'node:path';
import flowsPackage from '@distillery/flows/package.json' with { type: 'json' };
import { type LoadedConfig, loadConfig } from './config/load-config';
import type { RuntimeContext } from './context/runtime-context';
import { type BuiltinPluginModule, loadPlugins } from './plugins/load-plugins';
import type { PluginRegistry } from './plugins/plugin-registry';

export interface Session {
  ctx: RuntimeContext;
  config: LoadedConfig;
  plugins: PluginRegistry;
}

export interface OpenSessionOptions {
  /** A config file path; default: the nearest distill.config.* from ctx.cwd, or none. */
  configFile?: string;
  /** Plugins the host bundles (parsers, providers); the built-in call flows are always there. */
  builtins?: readonly BuiltinPluginModule[];
}

/** Loads the config and every plugin it names: the starting point of every command. */
export async function openSession(ctx: RuntimeContext, options: OpenSessionOptions = {}): Promise<Session> {
  const config = await loadConfig({
    cwd: ctx.cwd,
    ...(options.configFile ? { file: options.configFile } : {}),
  });
  const plugins = await loadPlugins(ctx, {
    config: config.config,
    resolveFrom: config.file ?? path.join(config.dir, 'distill.config.ts'),
    builtins: [
      {
        packageName: flowsPackage.name,
        version: flowsPackage.version,
        manifests: flowsPackage.distillery.plugins,
        load: async () => (await import('@distillery/flows')).default,
      },
      ...(options.builtins ?? []),
    ],
  });
  return { ctx, config, plugins };
}
