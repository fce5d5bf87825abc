import { readFileSync } from 'node:fs';
import path from 'node:path';
import { PluginError, type PluginPackageManifest } from '@distillery/core/contracts';

export interface PluginPackageInfo {
  name: string;
  version: string | undefined;
  dir: string;
  /** The package's `distillery` manifest, when it has one. */
  manifest: PluginPackageManifest | undefined;
}

/**
 * Finds an installed package as Node resolves a bare name, walking up `node_modules` folders
 * from `fromFile`'s folder, and reads its package.json: name, version and `distillery`
 * manifest, without importing any of its code.
 */
export function findPluginPackage(name: string, fromFile: string): PluginPackageInfo {
  let dir = path.dirname(fromFile);
  for (;;) {
    const pkgDir = path.join(dir, 'node_modules', ...name.split('/'));
    let text: string | undefined;
    try {
      text = readFileSync(path.join(pkgDir, 'package.json'), 'utf8');
    } catch {
      // not installed at this level; keep walking up
    }
    if (text !== undefined) {
      let pkg: { name?: string; version?: string; distillery?: PluginPackageManifest };
      try {
        pkg = JSON.parse(text);
      } catch (error) {
        throw new PluginError(`Plugin package "${name}" has an unreadable package.json.`, {
          location: path.join(pkgDir, 'package.json'),
          advice: 'Reinstall the package.',
          cause: error,
        });
      }
      return { name: pkg.name ?? name, version: pkg.version, dir: pkgDir, manifest: pkg.distillery };
    }
    const parent = path.dirname(dir);
    if (parent === dir) {
      throw new PluginError(`Cannot find plugin package "${name}" from ${fromFile}.`, {
        advice: `Install it in the project (e.g. \`pnpm add ${name}\`) or fix the name in the config's \`plugins\`.`,
      });
    }
    dir = parent;
  }
}
