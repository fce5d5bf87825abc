import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Name and version of the package that contains `fileUrl`, found by walking up to its package.json. */
export function readPackageInfo(fileUrl: string): { name?: string; version?: string } {
  let dir = path.dirname(fileUrl.startsWith('file:') ? fileURLToPath(fileUrl) : fileUrl);
  for (;;) {
    try {
      const pkg = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as {
        name?: string;
        version?: string;
      };
      if (pkg.name) return { name: pkg.name, version: pkg.version };
    } catch {
      // no package.json here; keep walking up
    }
    const parent = path.dirname(dir);
    if (parent === dir) return {};
    dir = parent;
  }
}
