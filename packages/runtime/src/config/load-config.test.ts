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
    expect(error.location).toBe(`${path.join(dir, 'distill.config.ts')}:2`);
  });

  it('reports a config that does not compile, and one without a default export', async () => {
    const broken = await project({ 'distill.config.ts': 'export default {\n  tasks: [,,\n' });
    expect((await configError(broken)).message).toMatch(
      /^Config file distill\.config\.ts has a syntax error: /,
    );
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

describe('loadConfig says where a config is wrong', () => {
  const file = (dir: string) => path.join(dir, 'distill.config.ts');

  it('names file:line:column of a syntax error and shows the line', async () => {
    const dir = await project({
      'distill.config.ts':
        "export default {\n  tasks: [\n    { id: 'a', name: 'n' instruction: 'i' },\n  ],\n};\n",
    });
    const error = await configError(dir);
    expect(error.message).toBe(
      [
        'Config file distill.config.ts has a syntax error: Unexpected token, expected ",".',
        "    3 |     { id: 'a', name: 'n' instruction: 'i' },",
        '      |                         ^',
      ].join('\n'),
    );
    expect(error.location).toBe(`${file(dir)}:3:25`);
  });

  it('says where a config throws while loading, and which import is missing', async () => {
    const throws = await project({
      'distill.config.ts':
        'const env: Record<string, string> = {};\nexport default {\n  dataDir: env.DATA!.trim(),\n};\n',
    });
    const error = await configError(throws);
    expect(error.message.split('\n')[0]).toMatch(
      /^Config file distill\.config\.ts threw an error while loading: Cannot read properties of undefined/,
    );
    expect(error.message).toContain('    3 |   dataDir: env.DATA!.trim(),');
    expect(error.location).toMatch(new RegExp(`^${file(throws).replace(/[.]/g, '\\.')}:3:\\d+$`));
    const missing = await project({
      'distill.config.ts': "import { dataDir } from './settings';\nexport default { dataDir };\n",
    });
    const lost = await configError(missing);
    expect(lost.message.split('\n')[0]).toBe(
      'Config file distill.config.ts imports ./settings, which cannot be found.',
    );
    expect(lost.location).toBe(`${file(missing)}:1`);
  });

  it("points at the offending key's own line inside the right task and run config", async () => {
    const dir = await project({
      'distill.config.ts': [
        'export default {',
        '  tasks: [',
        "    { id: 'qa', name: 'QA', instruction: 'Answer.', runConfigs: [{ name: 'a', provider: 'p', model: 'm' }] },",
        '    {',
        "      id: 'sum', // the second task: `instruction: 1` on line 3 must not be blamed",
        "      name: 'Sum',",
        "      instruction: 'Add.',",
        '      runConfigs: [',
        "        { name: 'a', provider: 'p', model: 'm' },",
        "        { name: 'b', provider: 'p', model: 'm',",
        '          parameters: { temperature: 9 } },',
        '      ],',
        '    },',
        '  ],',
        '};',
      ].join('\n'),
    });
    const error = await configError(dir);
    expect(error.message.split('\n')[0]).toMatch(
      /^Invalid config at `tasks\[1\]\.runConfigs\[1\]\.parameters\.temperature`: /,
    );
    expect(error.location).toBe(`${file(dir)}:11`);
    expect(error.message.split('\n')[1]).toBe('    11 |           parameters: { temperature: 9 } },');
  });

  it('points a missing required key at the object that lacks it', async () => {
    const dir = await project({
      'distill.config.ts':
        "export default {\n  tasks: [\n    { id: 'a', name: 'A', instruction: 'i' },\n    { id: 'b', instruction: 'i' },\n  ],\n};\n",
    });
    const error = await configError(dir);
    expect(error.message).toMatch(/^Invalid config at `tasks\[1\]\.name`: /);
    expect(error.location).toBe(`${file(dir)}:4`);
  });

  it('refuses duplicate task ids and duplicate run-config names, naming both places', async () => {
    const tasks = await project({
      'distill.config.ts':
        "export default {\n  tasks: [\n    { id: 'qa', name: 'A', instruction: 'i' },\n    { id: 'qa', name: 'B', instruction: 'i' },\n  ],\n};\n",
    });
    const twice = await configError(tasks);
    expect(twice.message).toBe(`Task id "qa" is defined twice: at ${file(tasks)}:3 and at ${file(tasks)}:4.`);
    expect(twice.location).toBe(`${file(tasks)}:4`);
    const runs = await project({
      'distill.config.ts': [
        'export default {',
        '  tasks: [',
        "    { id: 'qa', name: 'A', instruction: 'i', runConfigs: [",
        "      { name: 'r1', provider: 'p', model: 'm' },",
        "      { name: 'r1', provider: 'p', model: 'n' },",
        '    ] },',
        '  ],',
        '};',
      ].join('\n'),
    });
    expect((await configError(runs)).message).toBe(
      `Run config "r1" of task "qa" is defined twice: at ${file(runs)}:4 and at ${file(runs)}:5.`,
    );
  });

  it('says plainly that a config file given with --config is missing or a folder', async () => {
    const dir = await project({});
    await expect(loadConfig({ cwd: dir, file: 'nope.ts' })).rejects.toThrow(
      `Config file not found: ${path.join(dir, 'nope.ts')}.`,
    );
    await expect(loadConfig({ cwd: dir, file: '.' })).rejects.toThrow(`${dir} is a folder, not a file.`);
  });
});
