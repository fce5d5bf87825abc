import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { BIN } from './__fixtures__/run-cli';

const RECORDER = fileURLToPath(new URL('./__fixtures__/record-modules.mjs', import.meta.url));

/** The modules `distill …args` loads, as the process loads them (bin, chunks, packages, JSON). */
function modulesLoadedBy(args: string[]): string[] {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'distill-modules-'));
  try {
    const file = path.join(dir, 'modules.txt');
    const out = spawnSync(process.execPath, ['--import', RECORDER, BIN, ...args], {
      cwd: dir,
      env: { PATH: process.env.PATH, NO_COLOR: '1', DISTILL_MODULES_FILE: file },
      encoding: 'utf8',
    });
    expect(out.status, out.stderr).toBe(0);
    return readFileSync(file, 'utf8').split('\n').filter(Boolean);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** `commander`, `zod`, … for dependencies; `@distillery/<folder>` for workspace packages. */
function packageOf(url: string): string {
  if (url.startsWith('node:')) return 'node';
  const dependency = /node_modules\/(?:\.pnpm\/[^/]+\/node_modules\/)?((?:@[^/]+\/)?[^/]+)/.exec(url)?.[1];
  if (dependency) return dependency;
  const workspace = /\/packages\/([^/]+)\//.exec(url)?.[1];
  return workspace ? `@distillery/${workspace}` : url;
}

describe('start-up budget (modules loaded, not time)', () => {
  it('`distill --help` loads the CLI and commander only: no command module, runtime, zod or SDK', () => {
    const modules = modulesLoadedBy(['--help']);
    // Code, not the built-in plugins' package.json manifests.
    const packages = new Set(modules.filter((u) => !u.endsWith('.json')).map(packageOf));
    // Core only through its zod-free contracts entry (the error boundary's error classes).
    expect(
      [...packages].filter((p) => !['@distillery/cli', 'node', 'commander', '@distillery/core'].includes(p)),
    ).toEqual([]);
    expect(modules.filter((u) => u.includes('/core/dist/index.js'))).toEqual([]);
    // Today: the bin, the CLI's shared chunk, package.json and commander's few files.
    expect(modules.length).toBeLessThanOrEqual(30);
  });

  it('`distill parse` outside a project loads its parser package, not the providers, zod or jiti', () => {
    const modules = modulesLoadedBy(['parse', '-p', 'think-tags', '-', '--json']);
    const packages = new Set(modules.filter((u) => !u.endsWith('.json')).map(packageOf));
    for (const heavy of [
      'zod',
      'jiti',
      'openai',
      'together-ai',
      '@anthropic-ai/sdk',
      '@distillery/provider-openai',
    ])
      expect(packages).not.toContain(heavy);
    expect(packages).toContain('@distillery/parser-markers');
  });

  it('`distill parse --model ID` picks the family from manifests and imports only that parser', () => {
    const modules = modulesLoadedBy(['parse', '--model', 'zai-org/GLM-4.6', '-', '--json']);
    const packages = new Set(modules.filter((u) => !u.endsWith('.json')).map(packageOf));
    expect(packages).toContain('@distillery/parser-markers');
    for (const other of ['@distillery/parser-harmony', '@distillery/provider-openai', 'zod', 'jiti'])
      expect(packages).not.toContain(other);
  });

  it('`distill check --backend together|openai` loads the backend and the checker, not its SDK or zod', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'distill-check-'));
    try {
      const file = path.join(dir, 'train.jsonl');
      const line = {
        messages: [
          { role: 'user', content: 'hi' },
          { role: 'assistant', content: 'hello' },
        ],
      };
      writeFileSync(file, `${JSON.stringify(line)}\n`.repeat(12));
      for (const [backend, plugin] of [
        ['together', '@distillery/provider-together'],
        ['openai', '@distillery/provider-openai'],
      ] as const) {
        const modules = modulesLoadedBy(['check', '--backend', backend, file, '--json']);
        const packages = new Set(modules.filter((u) => !u.endsWith('.json')).map(packageOf));
        expect(packages).toContain(plugin);
        expect(packages).toContain('@distillery/check');
        for (const heavy of ['zod', 'jiti', 'openai', 'together-ai', '@anthropic-ai/sdk'])
          expect(packages, `${backend}: ${heavy}`).not.toContain(heavy);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
