import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { runCli } from './__fixtures__/run-cli';

describe('distill', () => {
  it('prints its version and help', async () => {
    const pkg = JSON.parse(await readFile(new URL('../package.json', import.meta.url), 'utf8')) as {
      version: string;
    };
    const version = await runCli(['--version']);
    expect([version.code, version.stdout.trim()]).toEqual([0, pkg.version]);
    const help = await runCli(['--help']);
    expect(help.code).toBe(0);
    for (const command of ['init', 'plugins', 'parse', 'run'])
      expect(help.stdout).toMatch(new RegExp(`\\n\\s+${command}\\b`));
  });

  it('rejects unknown commands with usage exit code 2', async () => {
    const run = await runCli(['frobnicate']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('unknown command "frobnicate"');
  });

  it('reports a broken config file with its location', async () => {
    const { mkdtemp, writeFile } = await import('node:fs/promises');
    const os = await import('node:os');
    const path = await import('node:path');
    const dir = await mkdtemp(path.join(os.tmpdir(), 'distill-bad-config-'));
    await writeFile(
      path.join(dir, 'distill.config.ts'),
      "export default {\n  dataDir: 'x',\n  tasks: [{ id: 'Bad Id', name: 'n', instruction: 'i' }],\n};\n",
    );
    const run = await runCli(['plugins'], { cwd: dir });
    expect(run.code).toBe(2);
    expect(run.stderr.split('\n')[0]).toMatch(/^error: Invalid config at `tasks\[0\]\.id`: /);
    expect(run.stderr).toContain(`at ${path.join(dir, 'distill.config.ts')}:3`);
  });
});
