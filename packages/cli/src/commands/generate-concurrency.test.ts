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

  it('a generate and distill web’s generation over the same inputs: no SQLITE_BUSY, each input paid once', async () => {
    writeInputs(project.dir, 12);
    const web = start(['web', '--port', '0', '--json']);
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let out = '';
        web.child.stdout.on('data', (d: string) => {
          out += d;
          if (out.includes('\n')) resolve((JSON.parse(out.split('\n')[0]!) as { url: string }).url);
        });
        web.child.on('close', () => reject(new Error('distill web exited early')));
      });
      const page = await (await fetch(url)).text();
      const token = /name="distill-token" content="([^"]+)"/.exec(page)?.[1] ?? '';
      const post = (route: string, body: unknown, method = 'POST') =>
        fetch(`${url}${route}`, {
          method,
          headers: { 'content-type': 'application/json', 'x-distill-token': token },
          body: JSON.stringify(body),
        });

      const cli = start(['generate', '--task', 'double', '--inputs', 'inputs.jsonl', '--concurrency', '3']);
      // The web run starts once the CLI's first calls are in flight, so both write at once.
      while (chats().length < 2) await new Promise((r) => setImmediate(r));
      const inputs = Array.from({ length: 12 }, (_, i) => `q:${i + 1}`);
      const started = await post('api/generations', {
        taskId: 'double',
        runConfig: 'teacher',
        source: { type: 'inputs', inputs },
        concurrency: 3,
      });
      expect(started.status, await started.clone().text()).toBe(200);
      const { runId } = (await started.json()) as { runId: string };

      // While both generate, the web also rates every sample it sees (more writes from a second process).
      type Run = { runId: string; status: string; summary: { failed: number } | null; error: unknown };
      let run: Run | undefined;
      const rated = new Set<string>();
      for (;;) {
        const listed = (await (await fetch(`${url}api/generations`)).json()) as { runs: Run[] };
        run = listed.runs.find((r) => r.runId === runId);
        const samples = (await (await fetch(`${url}api/samples?limit=100`)).json()) as {
          samples: { id: string }[];
        };
        for (const { id } of samples.samples.filter((x) => !rated.has(x.id))) {
          const patched = await post(`api/samples/${id}`, { rating: 4 }, 'PATCH');
          expect(patched.status, await patched.text()).toBe(200);
          rated.add(id);
        }
        if (run?.status !== 'running' && run?.status !== 'stopping') break;
        await new Promise((r) => setImmediate(r));
      }
      const finished = await cli.done;
      expect(finished.code, finished.stderr).toBe(0);
      expect(`${finished.stdout}${finished.stderr}${JSON.stringify(run)}`).not.toMatch(/SQLITE_BUSY|locked/i);
      expect(run).toMatchObject({ status: 'finished', error: null, summary: { failed: 0 } });

      const asked = chats().map((r) => requestInput(r.body));
      expect(new Set(asked).size).toBe(asked.length);
      expect(asked.length).toBe(12);
      const stored = await storedInputs();
      expect(stored.sort()).toEqual([...inputs].sort());
    } finally {
      web.child.kill('SIGINT');
      await web.done;
    }
  });
});
