import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { type MockServer, startMockServer } from '@distillery/testkit';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type Gsm8kProject, gsm8kProject } from './__fixtures__/gsm8k-project';
import { runCli } from './__fixtures__/run-cli';

let server: MockServer;
let project: Gsm8kProject;

beforeAll(async () => {
  server = await startMockServer();
  project = await gsm8kProject(60);
  // The fine-tune backends read their keys from variables of the team's choosing: an entry named
  // after a provider plugin configures that package's backend too.
  const config = readFileSync(path.join(project.dir, 'distill.config.ts'), 'utf8').replace(
    "  dataDir: '.distill',",
    `  providers: {
    together: { apiKeyEnv: 'TEAM_TOGETHER_KEY', baseURL: ${JSON.stringify(server.togetherBaseURL)}, maxRetries: 0 },
    openai: { apiKeyEnv: 'TEAM_OPENAI_KEY', baseURL: ${JSON.stringify(server.openaiBaseURL)}, maxRetries: 0 },
  },
  dataDir: '.distill',`,
  );
  writeFileSync(path.join(project.dir, 'distill.config.ts'), config);
  const created = await distill([
    'dataset',
    'create',
    '--task',
    'gsm8k',
    '--name',
    'maths',
    '--split',
    'train=0.8,val=0.2',
  ]);
  expect(created.code, created.stderr).toBe(0);
}, 120_000);
afterAll(async () => {
  await server?.close();
  project?.cleanup();
});
beforeEach(() => server.reset());

function distill(args: string[], env: Record<string, string> = {}) {
  // The default variables hold keys, to show they are not the ones read.
  return runCli(args, {
    cwd: project.dir,
    env: { TOGETHER_API_KEY: 'sk-default-together-1111', OPENAI_API_KEY: 'sk-default-openai-2222', ...env },
  });
}

/** No hint may suggest writing a key into a file or into the provider options. */
const KEY_IN_A_FILE =
  /apiKey in the provider options|(api[ _-]?key|secret|token).{0,40}(config file|distill\.config|\.env|into a file)/i;

describe.each([
  { backend: 'together', model: 'Qwen/Qwen3-8B', variable: 'TEAM_TOGETHER_KEY', label: 'Together' },
  { backend: 'openai', model: 'gpt-4.1-mini-2025-04-14', variable: 'TEAM_OPENAI_KEY', label: 'OpenAI' },
])('a $backend fine-tune backend whose key comes from $variable', ({ backend, model, variable, label }) => {
  const train = ['train', '--dataset', 'maths', '--backend', backend, '--model', model];

  it('without it set, names that variable and says what to export, before anything is sent', async () => {
    const run = await distill(train);
    expect(run.code).not.toBe(0);
    const lines = run.stderr.trim().split('\n');
    expect(lines[0]).toMatch(
      new RegExp(`^error: No API key for ${label} \\(provider ${backend}, .*\\): ${variable} is not set\\.$`),
    );
    expect(lines[1]).toContain(
      `  hint: Export ${variable} in the shell that runs distill: \`export ${variable}=<your key>\`.`,
    );
    expect(run.stderr).toMatch(/No fine-tune was started and nothing was uploaded/);
    expect(run.stderr).not.toMatch(/TOGETHER_API_KEY|OPENAI_API_KEY/);
    expect(run.stderr).not.toMatch(KEY_IN_A_FILE);
    expect(run.stderr).not.toMatch(/\n\s+at /);
    expect(server.requests.filter((r) => r.method !== 'GET')).toEqual([]);
  });

  it('with it set, sends that key', async () => {
    const key = `sk-team-${backend}-3333`;
    const run = await distill([...train, '--json'], { [variable]: key });
    expect(run.code, run.stderr).toBe(0);
    const sent = server.requests.filter((r) => r.method === 'POST');
    expect(sent.length).toBeGreaterThan(0);
    for (const r of sent) expect(r.headers.authorization).toBe(`Bearer ${key}`);
    expect(run.stdout).not.toContain(key);
  });
});
