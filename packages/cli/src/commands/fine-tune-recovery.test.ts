import { spawn } from 'node:child_process';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { FineTuneRecord } from '@distillery/core';
import { findFineTune, openSampleStore, saveFineTune } from '@distillery/runtime';
import { type MockFault, type MockServer, startMockServer } from '@distillery/testkit';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { BIN, REPO_ROOT, runCli } from '../__fixtures__/run-cli';

const GSM8K = path.resolve(REPO_ROOT, 'examples/gsm8k/data/train.jsonl');
const KEY = 'sk-recovery-secret-5678';
let server: MockServer;
let project: string;

const env = () => ({
  TOGETHER_API_KEY: KEY,
  TOGETHER_BASE_URL: server.togetherBaseURL,
  OPENAI_API_KEY: KEY,
  OPENAI_BASE_URL: server.openaiBaseURL,
});
const distill = (args: string[]) => runCli(args, { cwd: project, env: env() });
async function json<T>(args: string[]): Promise<T> {
  const run = await distill([...args, '--json']);
  if (run.code !== 0) throw new Error(`distill ${args.join(' ')} exited ${run.code}:\n${run.stderr}`);
  return JSON.parse(run.stdout.trim()) as T;
}
const trainTogether = ['train', '--dataset', 'maths', '--backend', 'together', '--model', 'Qwen/Qwen3-8B'];
const trainOpenAI = [
  'train',
  '--dataset',
  'maths',
  '--backend',
  'openai',
  '--model',
  'gpt-4.1-mini-2025-04-14',
];

/** Resolves once the mock has received a request matching `match` (polls the request log). */
async function requestArrives(match: (r: MockServer['requests'][number]) => boolean): Promise<void> {
  while (!server.requests.some(match)) await new Promise((r) => setImmediate(r));
}

async function editRecord(id: string, edit: (r: FineTuneRecord) => FineTuneRecord): Promise<void> {
  const store = await openSampleStore({ dir: path.join(project, '.distill') });
  try {
    await saveFineTune(store, edit(await findFineTune(store, id)));
  } finally {
    await store.close();
  }
}

beforeAll(async () => {
  server = await startMockServer({ simulation: { advanceOnPoll: true } });
  project = await mkdtemp(path.join(os.tmpdir(), 'distill-recovery-'));
  expect((await distill(['init', '--example', 'gsm8k'])).code).toBe(0);
  const lines = (await readFile(GSM8K, 'utf8')).split('\n').slice(0, 60).join('\n');
  await writeFile(path.join(project, 'gsm8k-60.jsonl'), `${lines}\n`);
  await json(['import', 'gsm8k-60.jsonl', '--task', 'gsm8k']);
  await json(['dataset', 'create', '--task', 'gsm8k', '--name', 'maths', '--split', 'train=0.8,val=0.2']);
}, 120_000);
afterAll(async () => server.close());
beforeEach(() => server.reset());

describe('no phantom or orphaned fine-tunes', () => {
  it('finds the job of a train killed after the provider accepted it but before its id was saved', async () => {
    const started = await json<{ fineTune: { id: string; jobId: string } }>([...trainTogether]);
    // The record exactly as a train saves it just before `create`: files uploaded, no job id yet.
    await editRecord(started.fineTune.id, ({ jobId: _, ...r }) => ({
      ...r,
      status: 'pending',
      rawStatus: 'local:submitting',
    }));
    const jobs = await json<FineTuneRecord[]>(['jobs']);
    const record = jobs.find((j) => j.id === started.fineTune.id)!;
    expect(record.jobId).toBe(started.fineTune.jobId);
    expect(record.status).not.toBe('failed');
    expect(server.requests.some((r) => r.method === 'GET' && r.path === '/v1/fine-tunes')).toBe(true);
  });

  it('marks a train killed before the provider accepted a job as failed, and watch ends at once', async () => {
    // Hold the create request so the process can be killed while it waits for the answer.
    server.fault({ type: 'latency', ms: 30_000, path: '/v1/fine_tuning/jobs' });
    const child = spawn(process.execPath, [BIN, ...trainOpenAI], {
      cwd: project,
      env: { PATH: process.env.PATH, HOME: process.env.HOME, NO_COLOR: '1', ...env() },
      stdio: 'ignore',
    });
    const exited = new Promise((resolve) => child.on('exit', resolve));
    await requestArrives((r) => r.method === 'POST' && r.path === '/v1/fine_tuning/jobs');
    child.kill('SIGKILL');
    await exited;

    const killed = (await json<FineTuneRecord[]>(['jobs'])).find((j) => j.backend === 'openai')!;
    const uploaded = server.requests.filter((r) => r.method === 'POST' && r.path === '/v1/files').length;
    expect(killed).toMatchObject({
      status: 'failed',
      error: expect.stringMatching(/interrupted before the provider accepted a job/),
    });
    expect(killed.jobId).toBeUndefined();
    expect(killed.leftoverFiles).toHaveLength(uploaded);

    const watch = await distill(['status', killed.id, '--watch', '--interval', '3600']);
    expect(watch.code).toBe(1);
    expect(watch.stderr.split('\n')[0]).toMatch(/has no job at the provider: The train was interrupted/);
  });

  it('deletes the files of a train whose job the provider refused', async () => {
    // Every attempt at creating the job fails (1 + the default 3 retries); the lookup after it works.
    server.fault({
      type: 'server-error',
      status: 503,
      retryAfterMs: 0,
      path: '/v1/fine_tuning/jobs',
      times: 4,
    });
    const run = await distill(trainOpenAI);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/No fine-tune was started; the 2 uploaded file\(s\) were deleted/);
    const uploaded = server.requests.filter((r) => r.method === 'POST' && r.path === '/v1/files');
    const deleted = server.requests.filter((r) => r.method === 'DELETE' && r.path.startsWith('/v1/files/'));
    expect(uploaded).toHaveLength(2);
    expect(deleted).toHaveLength(2);
    const jobs = await json<FineTuneRecord[]>(['jobs']);
    expect(jobs[0]).toMatchObject({ status: 'failed', error: expect.stringMatching(/^create failed/) });
    expect(jobs[0]!.leftoverFiles).toBeUndefined();
  });

  it('keeps watching through 5xx answers and ends with the step count it reached', async () => {
    const { fineTune } = await json<{ fineTune: { id: string } }>([...trainTogether, '--epochs', '2']);
    server.fault({ type: 'server-error', status: 502, retryAfterMs: 0, path: '/v1/fine-tunes/', times: 12 });
    const watch = await distill(['status', fineTune.id, '--watch', '--interval', '0.01']);
    expect(watch.code, watch.stderr).toBe(0);
    expect(watch.stderr).toMatch(/retrying/);
    const completed = watch.stdout.split('\n').find((l) => /\bcompleted\b/.test(l))!;
    const [, step, total] = /step (\d+)\/(\d+)/.exec(completed) ?? [];
    expect(Number(step)).toBeGreaterThan(0);
    expect(step).toBe(total);
  });
});

describe('status --watch survives a provider that does not answer', () => {
  // A poll reads the job twice at once (state and events), each call with 1 attempt + 3 retries, and
  // a call succeeds only once no fault is left: 8 faults in a row fail at least one poll.
  const rateLimited: MockFault = { type: 'rate-limit', retryAfterMs: 0, path: '/v1/fine-tunes/', times: 8 };
  const dropped: MockFault = { type: 'drop-connection', path: '/v1/fine-tunes/', times: 8 };
  const serverError: MockFault = {
    type: 'server-error',
    status: 503,
    retryAfterMs: 0,
    path: '/v1/fine-tunes/',
    times: 8,
  };
  const injected = () => server.requests.filter((r) => r.fault).map((r) => r.fault);

  it('keeps watching through 429s and dropped connections and ends completed', async () => {
    const { fineTune } = await json<{ fineTune: { id: string } }>([...trainTogether]);
    server.fault(rateLimited).fault(dropped);
    const watch = await distill(['status', fineTune.id, '--watch', '--interval', '0.01']);
    expect(watch.code, watch.stderr).toBe(0);
    expect(injected()).toEqual([...Array(8).fill('rate-limit'), ...Array(8).fill('drop-connection')]);
    // The first 8 answers are all 429s, so the first poll fails with one; 16 faults fail two polls.
    const retries = watch.stderr.split('\n').filter((l) => l.startsWith('retrying'));
    expect(retries[0], watch.stderr).toMatch(/rate-limited .*\(429\)/);
    expect(retries.length).toBeGreaterThanOrEqual(2);
    expect(watch.stdout).toMatch(/\bcompleted\b.*step (\d+)\/\1\b/);
    expect(watch.stdout).toMatch(/^Model: \S+$/m);
  });

  it('keeps watching through 5xx, 429s and dropped connections and ends with the job’s own failure', async () => {
    server.fineTunes.failNext({ atTrainingStep: 2, message: 'CUDA out of memory on rank 3' });
    const { fineTune } = await json<{ fineTune: { id: string } }>([...trainTogether]);
    server.fault(serverError).fault(rateLimited).fault(dropped);
    const watch = await distill(['status', fineTune.id, '--watch', '--interval', '0.01']);
    expect(watch.code).toBe(1);
    expect(injected()).toHaveLength(24);
    expect(watch.stdout).toMatch(/\bfailed\b/);
    const errorLine = watch.stderr.split('\n').find((l) => l.startsWith('error:'));
    expect(errorLine).toMatch(/failed: .*CUDA out of memory on rank 3/);
    const events = await json<{ message: string }[]>(['events', fineTune.id]);
    expect(events.map((e) => e.message).join('\n')).toMatch(/CUDA out of memory on rank 3/);
  });
});

describe('endpoints bill by the hour', () => {
  it('checks the hardware first, shows the price, starts one endpoint, lists and stops it', async () => {
    const { fineTune } = await json<{ fineTune: { id: string } }>([...trainTogether]);
    expect((await distill(['status', fineTune.id, '--watch', '--interval', '0.01'])).code).toBe(0);

    const wrong = await distill(['deploy', fineTune.id, '--hardware', '1x_nvidia_b200_pcie']);
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toMatch(/Hardware "1x_nvidia_b200_pcie" cannot serve/);
    expect(wrong.stderr).toMatch(/1x_nvidia_h100_80gb_sxm \(\$\d+\.\d\d\/hour\)/);
    const none = await distill(['deploy', fineTune.id]);
    expect(none.code).toBe(1);
    expect(none.stderr).toMatch(/Pass --hardware with one of: .*h100/);
    expect(server.requests.filter((r) => r.method === 'POST' && r.path === '/v1/endpoints')).toEqual([]);

    const deploy = await distill([
      'deploy',
      fineTune.id,
      '--hardware',
      '1x_nvidia_h100_80gb_sxm',
      '--interval',
      '0.01',
    ]);
    expect(deploy.code, deploy.stderr).toBe(0);
    expect(deploy.stdout).toMatch(/1x_nvidia_h100_80gb_sxm: \$\d+\.\d\d\/hour per replica/);
    const again = await distill(['deploy', fineTune.id, '--hardware', '1x_nvidia_h100_80gb_sxm']);
    expect(again.code).toBe(1);
    expect(again.stderr.split('\n')[0]).toMatch(/already has endpoint .* bills by the hour/);
    expect(server.requests.filter((r) => r.method === 'POST' && r.path === '/v1/endpoints')).toHaveLength(1);

    const list = await json<{ id: string; billing: boolean; usdPerHour: number; fineTuneId: string }[]>([
      'endpoints',
      'list',
    ]);
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ billing: true, fineTuneId: fineTune.id });
    expect(list[0]!.usdPerHour).toBeGreaterThan(0);

    const stopped = await json<{ id: string; state: string }>(['endpoints', 'stop', fineTune.id]);
    expect(stopped.id).toBe(list[0]!.id);
    const patch = server.requests.find(
      (r) => r.method === 'PATCH' && r.path === `/v1/endpoints/${stopped.id}`,
    );
    expect(patch?.body).toEqual({ state: 'STOPPED' });
  });
});
