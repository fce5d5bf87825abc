import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { type MockServer, startMockServer } from '@distillery/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generationProject, writeInputs } from './__fixtures__/generation-project';
import { runCli } from './__fixtures__/run-cli';

// A key in a variable whose name looks like nothing secret: only the config says it holds a key.
const KEY = 'acme-live-7Qz9XkW2pL4vN8rT';
const VARIABLE = 'ACME_CREDENTIAL';

let server: MockServer;
let project: ReturnType<typeof generationProject>;

beforeAll(async () => {
  server = await startMockServer();
  // The provider echoes the key back in its error body, as some servers do.
  server.onChat(() => ({
    status: 400,
    errorBody: { error: { message: `Invalid request for key ${KEY}`, type: 'invalid_request_error' } },
  }));
  project = generationProject();
  writeFileSync(
    path.join(project.dir, 'distill.config.ts'),
    `export default {
  providers: { acme: { plugin: 'openai', baseURL: '${server.openaiBaseURL}', apiKeyEnv: '${VARIABLE}', maxRetries: 0 } },
  tasks: [
    {
      id: 'double',
      name: 'Double it',
      instruction: 'Double the number.',
      runConfigs: [{ name: 'teacher', provider: 'acme', model: 'teacher-r1', flow: 'single' }],
    },
  ],
};
`,
  );
  writeInputs(project.dir, 3);
});
afterAll(async () => {
  await server.close();
  project.cleanup();
});

/** Every byte under .distill (the database, its WAL, anything else written). */
function storedBytes(): string {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const full = path.join(dir, name);
      if (statSync(full).isDirectory()) walk(full);
      else out.push(readFileSync(full).toString('latin1'));
    }
  };
  walk(path.join(project.dir, '.distill'));
  return out.join('\n');
}

describe('a key echoed back by the provider', { timeout: 120_000 }, () => {
  it('ends up nowhere: not in output, not in the store, not in samples --json', async () => {
    const env = { [VARIABLE]: KEY };
    const cli = (args: string[]) => runCli(args, { cwd: project.dir, env });
    const generated = await cli(['generate', '--task', 'double', '--inputs', 'inputs.jsonl', '--json']);
    // The provider really was called with the key, and answered with it.
    expect(server.requests.some((r) => r.headers.authorization === `Bearer ${KEY}`)).toBe(true);
    expect(generated.code).not.toBe(0);
    const run = await cli(['run', '--provider', 'acme', '--model', 'teacher-r1', '--input', 'hi']);
    expect(run.code).not.toBe(0);
    expect(run.stderr).toMatch(/^error: /);
    const listed = await cli(['samples', 'list', '--json']);
    for (const output of [generated, run, listed]) {
      expect(output.stdout).not.toContain(KEY);
      expect(output.stderr).not.toContain(KEY);
    }
    const stored = storedBytes();
    expect(stored.length).toBeGreaterThan(0);
    expect(stored).not.toContain(KEY);
  });
});
