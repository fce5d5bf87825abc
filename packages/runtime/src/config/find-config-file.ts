import { existsSync } from 'node:fs';
import path from 'node:path';

export const CONFIG_FILE_NAMES = [
  'distill.config.ts',
  'distill.config.mts',
  'distill.config.js',
  'distill.config.mjs',
];

/** The nearest distill.config.* in `cwd` or a parent folder, or undefined. */
export function findConfigFile(cwd: string): string | undefined {
  let dir = path.resolve(cwd);
  for (;;) {
    for (const name of CONFIG_FILE_NAMES) {
      const candidate = path.join(dir, name);
      if (existsSync(candidate)) return candidate;
    }
    const parent = path.dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}
