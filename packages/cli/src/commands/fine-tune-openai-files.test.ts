import type { FineTuneEvent, FineTuneRecord } from '@distillery/core';
import { type MockServer, startMockServer } from '@distillery/testkit';
import { failOnSpecViolations } from '@distillery/testkit/vitest';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type Gsm8kProject, gsm8kProject } from '../__fixtures__/gsm8k-project';
import { runCli } from '../__fixtures__/run-cli';

failOnSpecViolations();

const KEY = 'sk-openai-files-secret-4321';
const MODEL = 'gpt-4.1-mini-2025-04-14';
let server: MockServer;
let project: Gsm8kProject;

const distill = (args: string[]) =>
  runCli(args, {
    cwd: project.dir,
    env: { OPENAI_API_KEY: KEY, OPENAI_BASE_URL: server.openaiBaseURL },
  });
async function json<T>(args: string[]): Promise<T> {
  const run = await distill([...args, '--json']);
  if (run.code !== 0) throw new Error(`distill ${args.join(' ')} exited ${run.code}:\n${run.stderr}`);
  return JSON.parse(run.stdout.trim()) as T;
}
const train = (...extra: string[]) =>
  json<{ fineTune: FineTuneRecord }>([
    'train',
    '--dataset',
    'maths',
    '--backend',
    'openai',
    '--model',
    MODEL,
    ...extra,
  ]);
const lines = (fileId: string | undefined) =>
  server.files
    .get(fileId ?? '')
    ?.content?.toString('utf8')
    .trim()
    .split('\n') ?? [];

beforeAll(async () => {
  // Every GET of a job moves it one step (validating_files → queued → running → … → succeeded).
  server = await startMockServer({ simulation: { advanceOnPoll: true } });
  project = await gsm8kProject(60);
  await json(['dataset', 'create', '--task', 'gsm8k', '--name', 'maths', '--split', 'train=0.8,val=0.2']);
}, 120_000);
afterAll(async () => {
  await server?.close();
  project?.cleanup();
});
beforeEach(() => server.reset());

describe('OpenAI fine-tuning with a validation file', () => {
  it('uploads the validation split, names it in the job and trains to the end', async () => {
    const { fineTune } = await train('--epochs', '1');
    const uploads = server.requests.filter((r) => r.method === 'POST' && r.path === '/v1/files');
    expect(uploads).toHaveLength(2);
    const create = server.requests.find((r) => r.method === 'POST' && r.path === '/v1/fine_tuning/jobs');
    expect(create?.body).toMatchObject({
      training_file: fineTune.files.train,
      validation_file: fineTune.files.validation,
    });
    expect(fineTune.files.validation).not.toBe(fineTune.files.train);
    // The 60 samples split 48/12, one example per sample.
    expect([lines(fineTune.files.train).length, lines(fineTune.files.validation).length]).toEqual([48, 12]);

    const watch = await distill(['status', fineTune.id, '--watch', '--interval', '0.01']);
    expect(watch.code, watch.stderr).toBe(0);
    expect(watch.stdout).toMatch(/\bcompleted\b.*step (\d+)\/\1\b/);
    const events = await distill(['events', fineTune.id]);
    expect(events.stdout).toContain(
      `Validating training file: ${fineTune.files.train} and validation file: ${fineTune.files.validation}`,
    );
  });

  it('sends no validation file with --no-validation', async () => {
    const { fineTune } = await train('--no-validation');
    expect(server.requests.filter((r) => r.method === 'POST' && r.path === '/v1/files')).toHaveLength(1);
    const create = server.requests.find((r) => r.method === 'POST' && r.path === '/v1/fine_tuning/jobs');
    expect(create?.body).not.toHaveProperty('validation_file');
    expect(fineTune.files.validation).toBeUndefined();
  });
});

describe('a file OpenAI refuses while validating files', () => {
  const MESSAGE =
    "The job failed due to an invalid validation file. Invalid file format. Example 3: Expected key 'messages'.";

  it('shows the provider’s reason in status, status --watch, jobs and events', async () => {
    server.fineTunes.failNext({
      atTrainingStep: 0,
      code: 'invalid_validation_file',
      param: 'validation_file',
      message: MESSAGE,
    });
    // train sees the job fail at its first look: exit 1 with the provider's reason, the record still printed.
    const started = await distill([
      'train',
      '--dataset',
      'maths',
      '--backend',
      'openai',
      '--model',
      MODEL,
      '--json',
    ]);
    expect(started.code).toBe(1);
    const { fineTune } = JSON.parse(started.stdout.trim()) as { fineTune: FineTuneRecord };
    expect(started.stderr).toContain(
      `error: Fine-tune ${fineTune.id} (job ${fineTune.jobId}) failed as soon as it started: ${MESSAGE}`,
    );
    expect(started.stderr).toContain(`hint: See \`distill events ${fineTune.id}\``);

    const status = await distill(['status', fineTune.id]);
    expect(status.code, status.stderr).toBe(0);
    expect(status.stdout.split('\n')[0]).toMatch(/\bfailed\b/);
    expect(status.stdout).toContain(`error ${MESSAGE}`);
    const record = await json<FineTuneRecord>(['status', fineTune.id]);
    expect(record).toMatchObject({ status: 'failed', rawStatus: 'failed', error: MESSAGE });
    // It never trained: from validating_files straight to failed.
    expect(record.statusHistory.map((h) => h.rawStatus)).not.toContain('running');

    const watch = await distill(['status', fineTune.id, '--watch', '--interval', '0.01']);
    expect(watch.code).toBe(1);
    const stderr = watch.stderr.split('\n');
    expect(stderr[0]).toBe(`error: Fine-tune ${fineTune.id} failed: ${MESSAGE}`);
    expect(stderr[1]).toMatch(/hint: See `distill events \S+` for what happened/);

    const jobs = await distill(['jobs']);
    expect(jobs.stdout).toContain(MESSAGE);

    const events = await distill(['events', fineTune.id]);
    expect(events.code).toBe(0);
    expect(events.stdout).toMatch(new RegExp(`\\berror {2}${MESSAGE.replace(/[.()']/g, '\\$&')}$`, 'm'));
    const listed = await json<FineTuneEvent[]>(['events', fineTune.id]);
    expect(listed.filter((e) => e.level === 'error').map((e) => e.message)).toEqual([MESSAGE]);
  });
});
