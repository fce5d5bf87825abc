import { existsSync, readdirSync } from 'node:fs';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { type MockServer, startMockServer } from '@distillery/testkit';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { REPO_ROOT, runCli } from '../__fixtures__/run-cli';

const GSM8K = path.resolve(REPO_ROOT, 'examples/gsm8k/data/train.jsonl');
const KEY = 'sk-refusals-secret-1234';
let server: MockServer;
let project: string;

const withKeys = () => ({
  TOGETHER_API_KEY: KEY,
  TOGETHER_BASE_URL: server.togetherBaseURL,
  OPENAI_API_KEY: KEY,
  OPENAI_BASE_URL: server.openaiBaseURL,
});
/** No keys: base URLs still point at the mock, so any request a keyless run made would be logged. */
const keyless = () => ({ TOGETHER_BASE_URL: server.togetherBaseURL, OPENAI_BASE_URL: server.openaiBaseURL });

const distill = (args: string[], env: Record<string, string> = withKeys()) =>
  runCli(args, { cwd: project, env });
const train = (args: string[]) => ['train', '--dataset', 'maths', ...args];
const fineTuneDirs = () => {
  const dir = path.join(project, '.distill', 'fine-tunes');
  return existsSync(dir) ? readdirSync(dir) : [];
};
/** Every request that uploads, creates or deploys something. */
const spending = () =>
  server.requests.filter(
    (r) =>
      r.path.startsWith('/v1/files') ||
      r.method === 'PUT' ||
      (r.method === 'POST' && !r.path.includes('limits')),
  );

beforeAll(async () => {
  server = await startMockServer();
  project = await mkdtemp(path.join(os.tmpdir(), 'distill-refusals-'));
  expect((await distill(['init', '--example', 'gsm8k'])).code).toBe(0);
  const lines = (await readFile(GSM8K, 'utf8')).split('\n').slice(0, 60).join('\n');
  await writeFile(path.join(project, 'gsm8k-60.jsonl'), `${lines}\n`);
  expect((await distill(['import', 'gsm8k-60.jsonl', '--task', 'gsm8k'])).code).toBe(0);
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
  expect(created.code).toBe(0);
}, 120_000);
afterAll(async () => server.close());
beforeEach(() => server.reset());

describe('train refuses before paying', () => {
  const refusals: [string, string[], RegExp][] = [
    [
      'reasoning data on a model without reasoning support',
      ['--model', 'meta-llama/Meta-Llama-3.1-8B-Instruct-Reference', '--strategy', 'reasoning'],
      /reasoning: .*supports_reasoning: false/,
    ],
    [
      'a LoRA rank above the model limit',
      ['--model', 'Qwen/Qwen3-8B', '--lora-r', '512'],
      /lora_r must be between 1 and 64/,
    ],
    ['too many epochs', ['--model', 'Qwen/Qwen3-8B', '--epochs', '500'], /n_epochs must be between 1 and 20/],
    [
      'a batch size above the limit',
      ['--model', 'Qwen/Qwen3-8B', '--batch-size', '4096'],
      /batch_size must be between/,
    ],
    [
      'a learning rate above the limit',
      ['--model', 'Qwen/Qwen3-8B', '--learning-rate', '0.5'],
      /learning_rate must be between/,
    ],
    [
      'too many checkpoints',
      ['--model', 'Qwen/Qwen3-8B', '--checkpoints', '99'],
      /n_checkpoints must be between/,
    ],
    ['too many evaluations', ['--model', 'Qwen/Qwen3-8B', '--evals', '1000'], /n_evals must be between/],
    [
      'a warmup ratio above 1',
      ['--model', 'Qwen/Qwen3-8B', '--warmup-ratio', '2'],
      /warmup_ratio must be between 0 and 1/,
    ],
    [
      'full training on a LoRA-only model',
      ['--model', 'Qwen/Qwen3-235B-A22B', '--full'],
      /does not support full fine-tuning/,
    ],
    [
      'a model Together cannot tune',
      ['--model', 'unknown-model-7B'],
      /model: unknown-model-7B cannot be fine-tuned on Together/,
    ],
  ];

  for (const [what, args, reason] of refusals) {
    it(`refuses ${what} the same way with and without --dry-run and without a key, uploading nothing`, async () => {
      const real = await distill(train(args));
      const offline = await distill(train([...args, '--dry-run']), keyless());
      for (const run of [real, offline]) {
        expect(run.code).toBe(1);
        expect(run.stderr.split('\n')[0]).toMatch(reason);
        expect(run.stderr).toMatch(/nothing was uploaded/);
      }
      // The same verdict, word for word, whether the live limits or the offline snapshot decided.
      expect(offline.stderr.split('\n')[0]).toBe(real.stderr.split('\n')[0]);
      expect(spending()).toEqual([]);
      expect(fineTuneDirs()).toEqual([]);
    });
  }

  it('reaches the same verdict with --dry-run as without, and a refused train leaves no record', async () => {
    for (const [, args] of refusals.slice(0, 2)) {
      const real = await distill(train(args));
      const dry = await distill(train([...args, '--dry-run']));
      expect(dry.code).toBe(1);
      expect(dry.stderr).toBe(real.stderr);
    }
    expect(spending()).toEqual([]);
    const jobs = await distill(['jobs', '--json']);
    expect(JSON.parse(jobs.stdout)).toEqual([]);
  });

  it('refuses --lora and --full on OpenAI, which has no such choice', async () => {
    for (const flag of ['--lora', '--full']) {
      const run = await distill(train(['--backend', 'openai', '--model', 'gpt-4.1-mini-2025-04-14', flag]));
      expect(run.code).toBe(1);
      expect(run.stderr.split('\n')[0]).toMatch(/has no LoRA\/full choice/);
    }
    const dry = await distill(
      train(['--backend', 'openai', '--model', 'gpt-4.1-mini-2025-04-14', '--dry-run']),
    );
    expect(dry.code).toBe(0);
    expect(dry.stdout).not.toMatch(/LoRA/);
    expect(spending()).toEqual([]);
  });

  it('refuses a model OpenAI cannot tune', async () => {
    const run = await distill(train(['--backend', 'openai', '--model', 'gpt-5-pro']));
    expect(run.code).toBe(1);
    expect(run.stderr.split('\n')[0]).toMatch(/gpt-5-pro cannot be fine-tuned on OpenAI/);
    expect(spending()).toEqual([]);
  });

  it('states the epochs the price assumes and which limits decided', async () => {
    const plan = async (extra: string[], env?: Record<string, string>) => {
      const run = await distill(train(['--model', 'Qwen/Qwen3-8B', '--dry-run', '--json', ...extra]), env);
      expect(run.code, run.stderr).toBe(0);
      return JSON.parse(run.stdout).plan as {
        epochs: { count: number; note?: string };
        limits: { kind: string; date?: string; description: string };
        price: { epochs: number; note: string };
      };
    };
    const live = await plan([]);
    expect(live.epochs).toEqual({ count: 1, note: "Together's default, 1" });
    expect(live.price.epochs).toBe(1);
    expect(live.limits.kind).toBe('live');
    expect(server.requests.map((r) => r.path)).toContain('/v1/fine-tunes/models/limits');

    server.reset();
    const offline = await plan(['--epochs', '3'], keyless());
    expect(offline.epochs).toEqual({ count: 3 });
    expect(offline.price.note).toMatch(/3 epochs/);
    expect(offline.limits).toMatchObject({
      kind: 'snapshot',
      date: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
    });
    expect(server.requests).toEqual([]);

    const text = await distill(train(['--model', 'Qwen/Qwen3-8B', '--dry-run']), keyless());
    expect(text.stdout).toMatch(/epochs {6}1 \(Together's default, 1\)/);
    expect(text.stdout).toMatch(
      /limits {6}checked against Together's limits as of \d{4}-\d{2}-\d{2} \(offline snapshot/,
    );
  });
});
