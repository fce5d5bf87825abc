import { describe, expect, it } from 'vitest';
import { EXAMPLE_DIR, runCli } from '../__fixtures__/run-cli';

describe('distill plugins', () => {
  it('lists built-in and config plugins with kind, package and version', async () => {
    const run = await runCli(['plugins', '--json'], { cwd: EXAMPLE_DIR });
    expect(run.code).toBe(0);
    const rows = JSON.parse(run.stdout) as {
      id: string;
      kind: string;
      package: string;
      version: string | null;
      capabilities: string[];
    }[];
    const byId = (id: string, kind?: string) => rows.find((r) => r.id === id && (!kind || r.kind === kind));
    expect(byId('mistral')).toEqual({
      id: 'mistral',
      kind: 'reasoning-parser',
      package: '@acme/distillery-parser-mistral',
      version: '0.1.0',
      capabilities: [],
    });
    expect(byId('deepseek-r1')).toMatchObject({
      kind: 'reasoning-parser',
      package: '@distillery/parser-markers',
    });
    expect(byId('gpt-oss')).toMatchObject({
      kind: 'reasoning-parser',
      package: '@distillery/parser-harmony',
    });
    expect(byId('cot')).toMatchObject({ kind: 'call-flow', package: '@distillery/flows' });
    for (const id of ['openai', 'together', 'anthropic'])
      expect(byId(id, 'model-provider')).toMatchObject({ package: `@distillery/provider-${id}` });
    for (const id of ['openai', 'together'])
      expect(byId(id, 'fine-tune-backend')).toMatchObject({ package: `@distillery/provider-${id}` });
    expect(byId('together', 'fine-tune-backend')?.capabilities).toEqual(
      expect.arrayContaining(['files', 'deployments', 'hardware']),
    );
  });

  it('prints a table for people, naming the config used', async () => {
    const run = await runCli(['plugins'], { cwd: EXAMPLE_DIR });
    expect(run.stdout).toMatch(/^ID\s+KIND\s+PACKAGE\s+VERSION/);
    expect(run.stdout).toMatch(/mistral\s+reasoning-parser\s+@acme\/distillery-parser-mistral\s+0\.1\.0/);
    expect(run.stdout).toContain('examples/gsm8k/distill.config.ts');
  });

  it('shows which reasoning parser a model gets', async () => {
    const run = await runCli(['plugins', '--model', 'zai-org/GLM-4.6']);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe('zai-org/GLM-4.6: parser glm45 (model pattern "glm-4\\.[56]")\n');
    const json = await runCli(['plugins', '--model', 'openai/gpt-oss-120b', '--json']);
    expect(JSON.parse(json.stdout)).toMatchObject({ model: 'openai/gpt-oss-120b', parser: 'gpt-oss' });
  });
});
