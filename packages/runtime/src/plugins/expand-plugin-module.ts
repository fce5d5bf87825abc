import { checkPlugin, type DistilleryPlugin, PluginError } from '@distillery/core/contracts';
import type { PluginFactory } from './plugin-record';

export interface ExpandedPlugin {
  plugin: DistilleryPlugin;
  factory: PluginFactory | undefined;
}

/**
 * Turns what a package exports (a plugin, an array, or a factory) into checked plugins.
 * `options` go to a factory; `env` is always passed so providers can read their keys.
 */
export function expandPluginModule(
  value: unknown,
  source: string,
  options: Record<string, unknown>,
): ExpandedPlugin[] {
  if (typeof value === 'function') {
    const factory = value as PluginFactory;
    let made: unknown;
    try {
      made = factory(options);
    } catch (error) {
      throw new PluginError(`Plugin factory from ${source} threw: ${(error as Error).message}`, {
        advice: 'Check the options given to this plugin in the config.',
        cause: error,
      });
    }
    return expandPluginModule(made, source, options).map((entry) => ({ ...entry, factory }));
  }
  if (Array.isArray(value)) {
    return value.flatMap((item, index) => expandPluginModule(item, `${source}[${index}]`, options));
  }
  return [{ plugin: checkPlugin(value, source), factory: undefined }];
}
