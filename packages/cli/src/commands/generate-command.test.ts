import { type ChildProcess, spawn } from 'node:child_process';
import { copyFileSync } from 'node:fs';
import path from 'node:path';
import { SampleSchema } from '@distillery/core';
import { openSampleStore } from '@distillery/runtime';
import { type MockServer, startMockServer } from '@distillery/testkit';
import { failOnSpecViolations } from '@distillery/testkit/vitest';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  doubleAnswer,
  generationProject,
  mockEnv,
  requestInput,
  writeInputs,
} from '../__fixtures__/generation-project';
import { BIN, runCli } from '../__fixtures__/run-cli';

failOnSpecViolations();

let server: MockServer;
let project: ReturnType<typeof generationProject>;

beforeAll(async () => {
  server = await startMockServer();
});
afterAll(async () => {
  await server.close();
});
beforeEach(() => {
  server.reset();
  server.onChat(doubleAnswer);
  project = generationProject();
});
afterEach(() => project.cleanup());

const chats = () => server.requests.filter((r) => r.path === '/v1/chat/completions');
const cli = (args: string[], env: Record<string, string> = {}) =>
  runCli(args, { cwd: project.dir, env: { ...mockEnv(server), ...env } });

async function storedSamples() {
  const store = await openSampleStore({ dir: path.join(project.dir, '.distill') });
  try {
    return (await store.query({ limit: 10_000 })).samples;
  } finally {
    await store.close();
  }
}

function json(stdout: string): Record<string, unknown> {
  const lines = stdout.trim().split('\n');
  expect(lines).toHaveLength(1);
  return JSON.parse(lines[0]!) as Record<string, unknown>;
}

describe('distill generate', { timeout: 60_000 }, () => {
  it('a GSM8K project works end to end: init, import, generate with both teachers, list', async () => {
    const fixture = path.join(path.dirname(BIN), '../src/__fixtures__/gsm8k-5.jsonl');
    copyFileSync(fixture, path.join(project.dir, 'train.jsonl'));
    const dir = path.join(project.dir, 'gsm');
    expect((await cli(['init', dir, '--example', 'gsm8k'])).code).toBe(0);
    copyFileSync(fixture, path.join(dir, 'train.jsonl'));
    const inDir = (args: string[]) => runCli(args, { cwd: dir, env: mockEnv(server) });

    const imported = await inDir(['import', 'train.jsonl', '--task', 'gsm8k', '--json']);
    expect(imported.code, imported.stderr).toBe(0);
    expect(json(imported.stdout)).toMatchObject({ imported: 5, format: 'gsm8k' });

    const r1 = await inDir([
      'generate',
      '--task',
      'gsm8k',
      '--run-config',
      'r1-teacher',
      '--inputs',
      'train.jsonl',
      '--json',
    ]);
    expect(r1.code, r1.stderr).toBe(0);
    expect(json(r1.stdout)).toMatchObject({
      generated: 5,
      failed: 0,
      stopReason: 'done',
      model: 'deepseek-ai/DeepSeek-R1',
    });
    const cot = await inDir([
      'generate',
      '--task',
      'gsm8k',
      '--run-config',
      'cot-teacher',
      '--inputs',
      'train.jsonl',
      '--json',
    ]);
    expect(json(cot.stdout)).toMatchObject({ generated: 5, model: 'gpt-4.1-mini' });

    expect(cot.code, cot.stderr).toBe(0);
    const listed = await inDir([
      'samples',
      'list',
      '--task',
      'gsm8k',
      '--source',
      'synthetic',
      '--has-reasoning',
      '--json',
    ]);
    const page = json(listed.stdout) as { total: number; samples: { reasoning: { origin: string } }[] };
    expect(page.total).toBe(10);
    expect(page.samples.map((s) => s.reasoning.origin).sort()).toEqual([
      ...Array(5).fill('cot-turn'),
      ...Array(5).fill('model-field'),
    ]);
    const all = await inDir(['samples', 'list', '--json', '--limit', '100']);
    expect((json(all.stdout) as { total: number }).total).toBe(15);
  }, 30_000);

  it('--json prints one summary object; progress for people goes to stderr', async () => {
    writeInputs(project.dir, 6);
    const run = await cli(['generate', '--task', 'double', '--inputs', 'inputs.jsonl', '--json']);
    expect(run.code, run.stderr).toBe(0);
    const summary = json(run.stdout);
    expect(summary).toMatchObject({
      generated: 6,
      planned: 6,
      costUsd: 30,
      totalGenerated: 6,
      complete: true,
    });
    expect(run.stderr).toMatch(/0\/6 done · 0 failed · \d+ in flight/);
    const human = await cli(['generate', '--task', 'double', '--inputs', 'inputs.jsonl']);
    expect(human.code).toBe(0);
    expect(human.stdout).toContain('Generated 0 samples for double with teacher');
    expect(human.stdout).toContain('6 already stored');
    expect(chats()).toHaveLength(6);
    const samples = await storedSamples();
    expect(samples.map((s) => s.output.content).sort()).toEqual(['10', '12', '2', '4', '6', '8']);
  });

  it('stops cleanly at --max-cost and says so', async () => {
    writeInputs(project.dir, 10);
    const run = await cli([
      'generate',
      '--task',
      'double',
      '--inputs',
      'inputs.jsonl',
      '--concurrency',
      '1',
      '--max-cost',
      '12',
    ]);
    // Stopping short of the inputs is not success: the exit code says so, with the reason.
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/Stopped short at the --max-cost budget: 2 sample\(s\) stored/);
    expect(run.stdout).toContain('Generated 2 samples');
    expect(run.stdout).toContain('stopped at the --max-cost budget');
    expect(run.stdout).toContain('$10.00');
    expect(chats()).toHaveLength(2);
  });

  it('records a failure after retries, points at --retry-failed, and that command generates it', async () => {
    writeInputs(project.dir, 4);
    let broken = true;
    server.onChat((req) =>
      broken && req.lastUserText === 'q:2'
        ? { status: 503, headers: { 'retry-after-ms': '0' } }
        : doubleAnswer(req),
    );
    const run = await cli(['generate', '--task', 'double', '--inputs', 'inputs.jsonl']);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('error: 1 input failed; the 3 other samples were stored.');
    expect(run.stdout).toContain('1 failed');
    expect(run.stdout).toContain('failed: "q:2"');
    expect(run.stdout).toContain('(2 attempts)');
    expect(run.stdout).toContain('distill generate --task double --retry-failed');
    broken = false;
    const retry = await cli(['generate', '--task', 'double', '--retry-failed', '--json']);
    expect(json(retry.stdout)).toMatchObject({ generated: 1, failed: 0 });
    expect((await storedSamples()).map((s) => s.input).sort()).toEqual(['q:1', 'q:2', 'q:3', 'q:4']);
  });

  it('writes a topic tree and generates its inputs', async () => {
    server.onChat((req) => {
      const text = req.lastUserText;
      const topics = /List (\d+) diverse topics/.exec(text);
      if (topics) return { content: '["fractions", "percent"]' };
      const inputs = /Write (\d+) diverse.*about the topic "(.+)"/.exec(text);
      if (inputs)
        return { content: JSON.stringify([`${inputs[2]} one`, `${inputs[2]} two`, `${inputs[2]} three`]) };
      return doubleAnswer(req);
    });
    const run = await cli(['generate', '--task', 'double', '--topics', '2', '--per-topic', '3', '--json']);
    expect(run.code, run.stderr).toBe(0);
    expect(json(run.stdout)).toMatchObject({ generated: 6, inputs: 6 });
    expect(run.stderr).toContain('topic tree');
  });

  it('says what to pass when there is nothing to generate from', async () => {
    const run = await cli(['generate', '--task', 'double']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('Nothing to generate from.');
    expect(run.stderr).toContain('--inputs FILE');
  });

  it('SIGINT stops cleanly with exit 130: in-flight samples are abandoned, nothing partial is stored', async () => {
    writeInputs(project.dir, 40);
    server.onChat((req) => ({ ...doubleAnswer(req), delayMs: 100 }));
    const child = spawnGenerate(['--concurrency', '4', '--json']);
    await until(() => chats().length >= 6);
    child.process.kill('SIGINT');
    const { code, stdout } = await child.done;
    expect(code).toBe(130);
    expect(json(stdout)).toMatchObject({ stopReason: 'interrupted' });
    const samples = await storedSamples();
    expect(samples.length).toBeLessThan(40);
    for (const s of samples) expect(s.output.content).toBe(String(Number(s.input.slice(2)) * 2));
  }, 30_000);

  it('survives kill -9 at random moments: resumed runs end with exactly --count samples, none paid for twice', async () => {
    writeInputs(project.dir, 60);
    server.onChat((req) => ({ ...doubleAnswer(req), delayMs: 5 + Math.floor(Math.random() * 40) }));
    for (let round = 0; round < 5; round++) {
      const child = spawnGenerate(['--count', '45', '--concurrency', '6']);
      const startedWith = chats().length;
      await until(() => chats().length > startedWith || child.exited());
      await sleep(Math.random() * 300);
      child.process.kill('SIGKILL');
      await child.done;
    }
    const last = await spawnGenerate(['--count', '45', '--concurrency', '6', '--json']).done;
    expect(last.code, last.stderr).toBe(0);
    expect(json(last.stdout)).toMatchObject({ totalGenerated: 45, stopReason: 'count-reached' });

    const samples = await storedSamples();
    expect(samples).toHaveLength(45);
    expect(new Set(samples.map((s) => s.input)).size).toBe(45);
    for (const sample of samples) {
      expect(SampleSchema.safeParse(sample).success).toBe(true);
      expect(sample.output.content).toBe(String(Number(sample.input.slice(2)) * 2));
      expect(sample.reasoning?.text).toBe(`double ${sample.input}`);
    }
    // Nothing was sent for an input once its sample was stored.
    const storedAt = new Map(samples.map((s) => [s.input, Date.parse(s.createdAt)]));
    for (const request of chats()) {
      const at = storedAt.get(requestInput(request.body));
      if (at !== undefined) expect(request.at).toBeLessThanOrEqual(at);
    }
    const again = await cli([
      'generate',
      '--task',
      'double',
      '--inputs',
      'inputs.jsonl',
      '--count',
      '45',
      '--json',
    ]);
    expect(json(again.stdout)).toMatchObject({ generated: 0, totalGenerated: 45 });
  }, 120_000);
});

function spawnGenerate(extra: string[]) {
  const child: ChildProcess = spawn(
    process.execPath,
    [BIN, 'generate', '--task', 'double', '--inputs', 'inputs.jsonl', ...extra],
    {
      cwd: project.dir,
      env: { PATH: process.env.PATH, NO_COLOR: '1', ...mockEnv(server) },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let stdout = '';
  let stderr = '';
  let exited = false;
  child.stdout!.setEncoding('utf8').on('data', (d: string) => (stdout += d));
  child.stderr!.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  const done = new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) =>
    child.on('close', (code) => {
      exited = true;
      resolve({ code, stdout, stderr });
    }),
  );
  return { process: child, done, exited: () => exited };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await sleep(10);
}
