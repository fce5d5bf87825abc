import { mkdtemp, readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../__fixtures__/run-cli';

describe('distill init', () => {
  it('scaffolds a project whose config loads', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'distill-init-'));
    const init = await runCli(['init', 'proj'], { cwd: dir });
    expect(init.code).toBe(0);
    const config = await readFile(path.join(dir, 'proj/distill.config.ts'), 'utf8');
    expect(config).toContain("import { defineConfig } from '@distillery/core';");
    expect(config).toMatch(/^\s*\/\/ /m);
    // The scaffold must load: plugins in the new project lists the built-ins.
    const plugins = await runCli(
      ['plugins', '--json', '--config', path.join(dir, 'proj/distill.config.ts')],
      { cwd: dir },
    );
    expect(plugins.stderr).toBe('');
    expect(plugins.code).toBe(0);
  });

  it('scaffolds the GSM8K example and never overwrites a config without --force', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'distill-init-'));
    expect((await runCli(['init', '--example', 'gsm8k'], { cwd: dir })).code).toBe(0);
    const first = await readFile(path.join(dir, 'distill.config.ts'), 'utf8');
    expect(first).toContain("id: 'gsm8k'");
    const again = await runCli(['init'], { cwd: dir });
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('already exists; not overwriting it.');
    expect(await readFile(path.join(dir, 'distill.config.ts'), 'utf8')).toBe(first);
    expect((await runCli(['init', '--example', 'nope'], { cwd: dir })).stderr).toContain(
      'Unknown example "nope".',
    );
  });
});
