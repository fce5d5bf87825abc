import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type MockServer, startMockServer } from '@distillery/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './__fixtures__/run-cli';

let server: MockServer;
let dir: string;

beforeAll(async () => {
  server = await startMockServer();
  dir = mkdtempSync(path.join(os.tmpdir(), 'distill-key-env-'));
  // A provider whose key comes from a variable of the team's choosing, not OPENAI_API_KEY.
  writeFileSync(
    path.join(dir, 'distill.config.ts'),
    `export default {
  providers: {
    team: { plugin: 'openai', apiKeyEnv: 'MY_TEAM_KEY', baseURL: ${JSON.stringify(server.openaiBaseURL)}, maxRetries: 0 },
  },
};
`,
  );
});
afterAll(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

const ask = ['run', '--provider', 'team', '--model', 'gpt-4o-mini', '--input', 'What is 2+2?'];
/** No hint may suggest writing a key into a file or into the provider options. */
const KEY_IN_A_FILE =
  /apiKey in the provider options|(api[ _-]?key|secret|token).{0,40}(config file|distill\.config|\.env|into a file)/i;

describe('a provider key read from a custom variable (apiKeyEnv)', { timeout: 60_000 }, () => {
  it('a missing key names that variable and that provider, and no request is sent', async () => {
    const before = server.requests.length;
    const run = await runCli(ask, { cwd: dir, env: { OPENAI_API_KEY: '' } });
    expect(run.code).not.toBe(0);
    expect(run.stderr).toMatch(/MY_TEAM_KEY is not set/);
    expect(run.stderr).toMatch(/provider team/);
    expect(run.stderr).not.toMatch(/OPENAI_API_KEY/);
    expect(run.stderr).not.toMatch(KEY_IN_A_FILE);
    expect(server.requests.length).toBe(before);
  });

  it('a refused key names that variable and that provider, and its value appears nowhere', async () => {
    // The mock answers as OpenAI does: 401 "Incorrect API key provided: <the key>".
    const key = 'invalid-team-key-7f3a9c';
    const run = await runCli(ask, { cwd: dir, env: { MY_TEAM_KEY: key, OPENAI_API_KEY: '' } });
    expect(run.code).not.toBe(0);
    expect(server.requests.at(-1)?.headers.authorization).toBe(`Bearer ${key}`);
    expect(run.stderr).toMatch(
      /rejected the API key \(401\).*provider team.*Set MY_TEAM_KEY to a valid key/s,
    );
    expect(run.stderr).not.toMatch(KEY_IN_A_FILE);
    expect(`${run.stdout}\n${run.stderr}`).not.toContain(key);
  });

  it('the key read from that variable is used', async () => {
    server.reply({ content: '4' });
    const run = await runCli([...ask, '--json'], { cwd: dir, env: { MY_TEAM_KEY: 'sk-team-good-1234' } });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout.trim())).toMatchObject({ content: '4' });
    expect(server.requests.at(-1)?.headers.authorization).toBe('Bearer sk-team-good-1234');
  });
});
