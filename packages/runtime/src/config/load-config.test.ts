import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { ConfigError } from '@distillery/core';
import { describe, expect, it } from 'vitest';
import { loadConfig } from './load-config';

async function project(files: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'distill-config-'));
  for (const [name, content] of Object.entries(files)) await writeFile(path.join(dir, name), content);
  return dir;
}

async function configError(dir: string): Promise<ConfigError> {
  try {
    await loadConfig({ cwd: dir });
  } catch (error) {
    if (ConfigError.isInstance(error)) return error;
    throw error;
  }
  throw new Error('expected loadConfig to fail');
}

describe('loadConfig', () => {
  it('loads a TypeScript config without a build step and fills defaults', async () => {
    const dir = await project({
      'distill.config.ts': `
        type Effort = 'low' | 'high';
        const effort: Effort = 'high';
        export default { tasks: [{ id: 'qa', name: 'QA', instruction: 'Answer.', runConfigs: [
          { name: 't', provider: 'together', model: 'm', parameters: { reasoningEffort: effort } } ] }] };
      `,
    });
    const loaded = await loadConfig({ cwd: dir });
    expect(loaded.file).toBe(path.join(dir, 'distill.config.ts'));
    expect(loaded.config.dataDir).toBe('.distill');
    expect(loaded.config.tasks[0]!.runConfigs[0]).toMatchObject({
      flow: 'single',
      parameters: { reasoningEffort: 'high' },
    });
  });

  it('finds the config in a parent folder', async () => {
    const dir = await project({ 'distill.config.mjs': 'export default { dataDir: "data" };' });
    const nested = path.join(dir, 'a');
    await import('node:fs/promises').then((fs) => fs.mkdir(nested));
    expect((await loadConfig({ cwd: nested })).config.dataDir).toBe('data');
  });

  it('runs without a config file', async () => {
    const dir = await project({});
    const loaded = await loadConfig({ cwd: dir });
    expect(loaded.file).toBeUndefined();
    expect(loaded.config.plugins).toEqual([]);
  });

  it('points at the bad key with file and line', async () => {
    const dir = await project({
      'distill.config.ts': [
        'export default {',
        '  tasks: [',
        '    {',
        "      id: 'qa',",
        "      name: 'QA',",
        "      instruction: 'Answer.',",
        "      runConfigs: [{ name: 'a', provider: 'p', model: 'm', parameters: { temperature: 7 } }],",
        '    },',
        '  ],',
        '};',
      ].join('\n'),
    });
    const error = await configError(dir);
    expect(error.message).toMatch(
      /^Invalid config at `tasks\[0\]\.runConfigs\[0\]\.parameters\.temperature`: /,
    );
    expect(error.location).toBe(`${path.join(dir, 'distill.config.ts')}:7`);
    expect(error.exitCode).toBe(2);
  });

  it('rejects unknown top-level keys by name', async () => {
    const dir = await project({ 'distill.config.ts': 'export default {\n  plugin: [],\n};\n' });
    const error = await configError(dir);
    expect(error.message).toContain('plugin');
    expect(error.location).toBe(path.join(dir, 'distill.config.ts'));
  });

  it('reports a config that does not compile, and one without a default export', async () => {
    const broken = await project({ 'distill.config.ts': 'export default {\n  tasks: [,,\n' });
    expect((await configError(broken)).message).toMatch(/failed to load/);
    const empty = await project({ 'distill.config.mjs': 'export const x = 1;' });
    expect((await configError(empty)).message).toMatch(/no default export/);
  });
});

describe('loadConfig outside a workspace', () => {
  it('lets a config import defineConfig from @distillery/core without installing it', async () => {
    const dir = await project({
      'distill.config.ts':
        "import { defineConfig } from '@distillery/core';\nexport default defineConfig({ dataDir: 'data' });\n",
    });
    expect((await loadConfig({ cwd: dir })).config.dataDir).toBe('data');
  });
});
