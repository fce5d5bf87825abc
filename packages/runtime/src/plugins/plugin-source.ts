import {
  checkPlugin,
  type DistilleryPlugin,
  PluginError,
  type PluginManifest,
} from '@distillery/core/contracts';
import { expandPluginModule } from './expand-plugin-module';

/**
 * A plugin package's implementation, imported on first use and shared by every plugin the
 * package provides. `make(options)` calls the package's factory (once per options object) and
 * checks what it returns.
 */
export interface PluginSource {
  readonly name: string;
  /** Whether the package exports a factory (so `providers` entries can configure it); known once imported. */
  isFactory(): Promise<boolean>;
  make(options: Record<string, unknown>): Promise<DistilleryPlugin[]>;
}

export function createPluginSource(name: string, importModule: () => Promise<unknown>): PluginSource {
  let module: Promise<unknown> | undefined;
  const made = new WeakMap<Record<string, unknown>, Promise<DistilleryPlugin[]>>();
  const value = () => {
    module ??= importModule();
    return module;
  };
  return {
    name,
    async isFactory() {
      return typeof (await value()) === 'function';
    },
    make(options) {
      let plugins = made.get(options);
      if (!plugins) {
        plugins = value().then((v) => expandPluginModule(v, name, options).map((e) => e.plugin));
        made.set(options, plugins);
      }
      return plugins;
    },
  };
}

/** Finds the plugin a manifest describes among what its source made, and checks its capabilities. */
export async function loadFromSource(
  source: PluginSource,
  options: Record<string, unknown>,
  manifest: PluginManifest,
): Promise<DistilleryPlugin> {
  const plugins = await source.make(options);
  const found = plugins.find((p) => p.kind === manifest.kind && p.id === manifest.id);
  if (!found) {
    throw new PluginError(
      `Plugin package ${source.name} declares a ${manifest.kind} "${manifest.id}" in its manifest but does not provide it.`,
      {
        pluginId: manifest.id,
        advice: `It provides: ${plugins.map((p) => `${p.kind} "${p.id}"`).join(', ') || 'nothing'}. Fix the package's \`distillery.plugins\` manifest.`,
      },
    );
  }
  return checkPlugin(found, source.name, manifest.capabilities ?? []);
}
