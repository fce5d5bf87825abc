import { PluginError } from '@distillery/core/contracts';

/**
 * Imports a plugin package by name, resolved from `fromFile`'s folder (the config file's, so a
 * project's own node_modules win). Returns the module's default export (or the module itself)
 * and the resolved file URL.
 */
export async function importPluginPackage(
  name: string,
  fromFile: string,
): Promise<{ value: unknown; url: string }> {
  // jiti (a TypeScript loader) is imported only when a plugin package is actually loaded.
  const { createJiti } = await import('jiti');
  const jiti = createJiti(fromFile, { interopDefault: true, moduleCache: false, fsCache: false });
  let url: string;
  try {
    url = jiti.esmResolve(name);
  } catch (error) {
    throw new PluginError(`Cannot find plugin package "${name}" from ${fromFile}.`, {
      advice: `Install it in the project (e.g. \`pnpm add ${name}\`) or fix the name in the config's \`plugins\`.`,
      cause: error,
    });
  }
  let mod: Record<string, unknown>;
  try {
    mod = /\.(c|m)?tsx?$/.test(url)
      ? ((await jiti.import(url)) as Record<string, unknown>)
      : ((await import(url)) as Record<string, unknown>);
  } catch (error) {
    throw new PluginError(`Plugin package "${name}" failed to load: ${(error as Error).message}`, {
      advice: 'Rebuild or reinstall the plugin package.',
      cause: error,
    });
  }
  const value = mod.default ?? mod.plugins ?? mod.plugin;
  if (value === undefined) {
    throw new PluginError(`Plugin package "${name}" has no default export.`, {
      advice: 'A plugin package must `export default` a plugin, an array of plugins, or a factory.',
    });
  }
  return { value, url };
}
