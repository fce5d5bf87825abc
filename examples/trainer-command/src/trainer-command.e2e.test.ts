import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { copyFile, mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// The whole path a user takes, through the built `distill` binary: the backend is found by
// package name from the example config, trains with a fake script, and is followed to the end.
const HERE = path.dirname(fileURLToPath(import.meta.url));
const PACKAGE_DIR = path.resolve(HERE, '..');
const BIN = path.join(
  path.dirname(createRequire(import.meta.url).resolve('@distillery/cli/package.json')),
  'dist/bin.js',
);
const FAKE_TRAINER = path.join(HERE, '__fixtures__/fake-trainer.mjs');
let project: string;

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function distill(args: string[]): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      cwd: project,
      env: {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        NO_COLOR: '1',
        DISTILL_TRAINER_COMMAND: JSON.stringify([process.execPath, FAKE_TRAINER]),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

async function json<T>(args: string[]): Promise<T> {
  const run = await distill([...args, '--json']);
  if (run.code !== 0) throw new Error(`distill ${args.join(' ')} exited ${run.code}:\n${run.stderr}`);
  return JSON.parse(run.stdout.trim()) as T;
}

interface FineTune {
  id: string;
  jobId?: string;
  backend: string;
  provider?: string;
  status: string;
  resultModel?: string;
  events: { step?: number; totalSteps?: number; loss?: number; message: string }[];
}

/** Asks `distill status` again until `done` holds: waits on the job, not on the clock. */
async function statusUntil(id: string, done: (f: FineTune) => boolean): Promise<FineTune> {
  for (;;) {
    const current = await json<FineTune>(['status', id]);
    if (done(current)) return current;
    if (['failed', 'cancelled', 'completed'].includes(current.status)) {
      throw new Error(`fine-tune ${id} ended ${current.status}: ${JSON.stringify(current)}`);
    }
  }
}

async function train(): Promise<FineTune> {
  const started = await json<{ fineTune: FineTune }>([
    'train',
    '--dataset',
    'sums',
    '--backend',
    'trainer-command',
    '--model',
    'tiny-qwen3',
    '--epochs',
    '2',
  ]);
  return started.fineTune;
}

beforeAll(async () => {
  project = await mkdtemp(path.join(os.tmpdir(), 'distill-trainer-command-'));
  await copyFile(
    path.join(PACKAGE_DIR, 'example/distill.config.mjs'),
    path.join(project, 'distill.config.mjs'),
  );
  await mkdir(path.join(project, 'node_modules/@acme'), { recursive: true });
  await symlink(PACKAGE_DIR, path.join(project, 'node_modules/@acme/distillery-trainer-command'), 'dir');
  await copyFile(path.join(HERE, '__fixtures__/arithmetic.jsonl'), path.join(project, 'arithmetic.jsonl'));
  await json(['import', 'arithmetic.jsonl', '--task', 'arithmetic']);
  await json([
    'dataset',
    'create',
    '--task',
    'arithmetic',
    '--name',
    'sums',
    '--split',
    'train=0.8,val=0.2',
    '--seed',
    '3',
  ]);
});
afterAll(async () => rm(project, { recursive: true, force: true }));

describe('a third-party trainer loaded by package name', () => {
  it('is listed from its manifest', async () => {
    const rows = await json<{ id: string; kind: string; package: string }[]>(['plugins']);
    expect(rows).toContainEqual(
      expect.objectContaining({
        id: 'trainer-command',
        kind: 'fine-tune-backend',
        package: '@acme/distillery-trainer-command',
      }),
    );
  });

  it('trains with the user’s command: status, events with loss, the output folder as the model', async () => {
    const started = await train();
    expect(started).toMatchObject({ backend: 'trainer-command', provider: 'vllm' });
    expect(started.jobId).toMatch(/^tc-/);
    const running = await statusUntil(
      started.id,
      (f) => f.status === 'running' && f.events.some((e) => e.step === 3),
    );
    expect(running.resultModel).toBeUndefined();

    const events = await json<FineTune['events']>(['events', started.id]);
    expect(events.filter((e) => e.loss !== undefined).map((e) => [e.step, e.totalSteps, e.loss])).toEqual([
      [1, 3, 2],
      [2, 3, 1],
      [3, 3, 0.667],
    ]);
    expect(events[0]?.message).toMatch(/^loading tiny-qwen3: 8 examples, 2 epoch\(s\)$/);

    const outputDir = path.join(project, '.distill/trainer-command', started.jobId!, 'output');
    await writeFile(path.join(outputDir, 'release'), '');
    const done = await statusUntil(started.id, (f) => f.status === 'completed');
    expect(done.resultModel).toBe(outputDir);
    expect(existsSync(path.join(outputDir, 'adapter_model.safetensors'))).toBe(true);
    expect(done.events.at(-1)?.message).toBe('step 3/3, saved adapter');
  });

  it('cancels a running job and stops its command', async () => {
    const started = await train();
    await statusUntil(started.id, (f) => f.status === 'running');
    const cancelled = await json<FineTune>(['cancel', started.id]);
    expect(cancelled.status).toBe('cancelled');
    // The supervisor records how the command ended once it has stopped.
    const exitFile = path.join(project, '.distill/trainer-command', started.jobId!, 'exit.json');
    while (!existsSync(exitFile)) await new Promise((resolve) => setTimeout(resolve, 20));
    expect((await json<FineTune>(['status', started.id])).status).toBe('cancelled');
  });
});
