import { spawn } from 'node:child_process';
import path from 'node:path';
import { openSampleStore } from '@distillery/runtime';
import { type ChatRequestInfo, type MockServer, startMockServer } from '@distillery/testkit';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  doubleAnswer,
  generationProject,
  mockEnv,
  requestInput,
  writeInputs,
} from '../__fixtures__/generation-project';
import { BIN, type CliRun } from '../__fixtures__/run-cli';

let server: MockServer;
let project: ReturnType<typeof generationProject>;

beforeAll(async () => {
  server = await startMockServer();
});
afterAll(async () => server.close());
beforeEach(() => {
  server.reset();
  // Slow answers, so two processes are generating at the same time.
  server.onChat((req: ChatRequestInfo) => ({ ...doubleAnswer(req), delayMs: 300 }));
  project = generationProject();
});
afterEach(() => project.cleanup());

const chats = () => server.requests.filter((r) => r.path === '/v1/chat/completions');
const GENERATE = [
  'generate',
  '--task',
  'double',
  '--inputs',
  'inputs.jsonl',
  '--count',
  '6',
  '--concurrency',
  '3',
];

function start(args: string[]) {
  const child = spawn(process.execPath, [BIN, ...args], {
    cwd: project.dir,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, NO_COLOR: '1', ...mockEnv(server) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
  child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  const done = new Promise<CliRun>((resolve) =>
    child.on('close', (code) => resolve({ code, stdout, stderr })),
  );
  return { child, done };
}

async function storedInputs(): Promise<string[]> {
  const store = await openSampleStore({ dir: path.join(project.dir, '.distill') });
  try {
    return (await store.query({ limit: 1000 })).samples.map((s) => String(s.input));
  } finally {
    await store.close();
  }
}

describe('two generate processes on one generation', { timeout: 120_000 }, () => {
  it('never pass --count together and never pay for one input twice', async () => {
    writeInputs(project.dir, 12);
    const [a, b] = [start(GENERATE), start(GENERATE)];
    const runs = await Promise.all([a.done, b.done]);
    for (const run of runs) expect(run.code, run.stderr).toBe(0);

    const asked = chats().map((r) => requestInput(r.body));
    expect(new Set(asked).size).toBe(asked.length);
    expect(asked.length).toBe(6);
    const stored = await storedInputs();
    expect(stored).toHaveLength(6);
    expect(new Set(stored)).toEqual(new Set(asked));
  });

  it('takes over the claims of a process killed with kill -9', async () => {
    writeInputs(project.dir, 12);
    const killed = start(GENERATE);
    // Killed while its first calls are in flight: its claims stay in the store.
    while (chats().length < 3) await new Promise((r) => setImmediate(r));
    killed.child.kill('SIGKILL');
    await killed.done;

    const rerun = start(GENERATE);
    const run = await rerun.done;
    expect(run.code, run.stderr).toBe(0);
    expect(await storedInputs()).toHaveLength(6);
  });
});
