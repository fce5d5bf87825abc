import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../__fixtures__/run-cli';
import { commands } from './index';

/** Source files (tests excluded) of every package and example, where advice strings live. */
function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const file = path.join(dir, name);
    if (['node_modules', 'dist', '__fixtures__'].includes(name)) return [];
    if (statSync(file).isDirectory()) return sources(file);
    return /\.(ts|tsx)$/.test(name) && !/\.test\.tsx?$/.test(name) ? [file] : [];
  });
}

describe('advice that names a distill command', () => {
  it('names only commands the command table has, so it cannot go stale', () => {
    const known = new Set([...commands.map((c) => c.name), 'help']);
    const stale: string[] = [];
    for (const root of ['packages', 'examples']) {
      for (const pkg of readdirSync(path.join(REPO_ROOT, root))) {
        const src = path.join(REPO_ROOT, root, pkg, 'src');
        if (!statSync(path.join(REPO_ROOT, root, pkg)).isDirectory()) continue;
        let files: string[];
        try {
          files = sources(src);
        } catch {
          continue;
        }
        for (const file of files) {
          for (const match of readFileSync(file, 'utf8').matchAll(/(?<![\w.-])distill ([a-z][a-z-]*)/g)) {
            if (!known.has(match[1]!)) stale.push(`${path.relative(REPO_ROOT, file)}: distill ${match[1]}`);
          }
        }
      }
    }
    expect(stale).toEqual([]);
  });
});
