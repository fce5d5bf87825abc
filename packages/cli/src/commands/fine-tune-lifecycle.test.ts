import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { type MockServer, startMockServer } from '@distillery/testkit';
import { failOnSpecViolations } from '@distillery/testkit/vitest';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { REPO_ROOT, runCli } from '../__fixtures__/run-cli';

failOnSpecViolations();

const GSM8K = path.resolve(REPO_ROOT, 'examples/gsm8k/data/train.jsonl');
const KEY = 'sk-lifecycle-secret-9876';
let server: MockServer;
let project: string;

function env() {
  return {
    TOGETHER_API_KEY: KEY,
    TOGETHER_BASE_URL: server.togetherBaseURL,
    OPENAI_API_KEY: KEY,
    OPENAI_BASE_URL: server.openaiBaseURL,
  };
}

async function distill(args: string[]) {
  return runCli(args, { cwd: project, env: env() });
}

async function json<T = Record<string, unknown>>(args: string[]): Promise<T> {
  const run = await distill([...args, '--json']);
  if (run.code !== 0) throw new Error(`distill ${args.join(' ')} exited ${run.code}:\n${run.stderr}`);
  return JSON.parse(run.stdout.trim()) as T;
}

beforeAll(async () => {
  server = await startMockServer({ simulation: { advanceOnPoll: true } });
  project = await mkdtemp(path.join(os.tmpdir(), 'distill-lifecycle-'));
  expect((await distill(['init', '--example', 'gsm8k'])).code).toBe(0);
  const lines = (await readFile(GSM8K, 'utf8')).split('\n').slice(0, 60).join('\n');
  await writeFile(path.join(project, 'gsm8k-60.jsonl'), `${lines}\n`);
  await json(['import', 'gsm8k-60.jsonl', '--task', 'gsm8k']);
  await json([
    'dataset',
    'create',
    '--task',
    'gsm8k',
    '--name',
    'maths',
    '--split',
    'train=0.8,val=0.2',
    '--seed',
    '7',
  ]);
}, 120_000);
afterAll(async () => server.close());
beforeEach(() => server.reset());

interface Plan {
  dryRun: boolean;
  plan: {
    id: string;
    format: string;
    files: { split: string; examples: number; tokens: number }[];
    price: { totalUsd: number | null };
    call: { flow: string };
  };
  fineTune?: { id: string; jobId: string; status: string };
}

describe('fine-tune lifecycle', () => {
  it('plans a dry run from checked exports and spends nothing', async () => {
    const out = await json<Plan>([
      'train',
      '--dataset',
      'maths',
      '--backend',
      'together',
      '--model',
      'Qwen/Qwen3-8B',
      '--strategy',
      'reasoning',
      '--dry-run',
    ]);
    expect(out.dryRun).toBe(true);
    expect(out.plan.format).toBe('together');
    expect(out.plan.files.map((f) => [f.split, f.examples])).toEqual([
      ['train', 48],
      ['val', 12],
    ]);
    expect(out.plan.files[0]!.tokens).toBeGreaterThan(0);
    expect(out.plan.call.flow).toBe('reasoning');
    expect(server.requests.filter((r) => r.method !== 'GET')).toEqual([]);
  });

  it('trains with LoRA, watches it to completion, deploys it and calls it the way it was trained', async () => {
    const started = await json<Plan>([
      'train',
      '--dataset',
      'maths',
      '--backend',
      'together',
      '--model',
      'Qwen/Qwen3-8B',
      '--lora',
      '--lora-r',
      '8',
      '--epochs',
      '1',
    ]);
    const ft = started.fineTune!;
    expect(ft.jobId).toMatch(/^ft-/);
    const create = server.requests.find((r) => r.method === 'POST' && r.path === '/v1/fine-tunes')!;
    expect(create.body).toMatchObject({
      model: 'Qwen/Qwen3-8B',
      n_epochs: 1,
      training_type: { type: 'Lora', lora_r: 8 },
      training_method: { method: 'sft' },
    });
    const put = server.requests.find((r) => r.method === 'PUT')!;
    expect(put.headers.authorization).toBeUndefined();

    const watch = await distill(['status', ft.id, '--watch', '--interval', '0.01']);
    expect(watch.code).toBe(0);
    expect(watch.stdout).toMatch(/running .*step \d+\/\d+/);
    expect(watch.stdout).toMatch(/completed/);
    expect(watch.stdout).toMatch(/Model: \S+/);

    const deployed = await json<{ endpoint: { name: string } }>([
      'deploy',
      ft.id,
      '--hardware',
      '1x_nvidia_h100_80gb_sxm',
      '--interval',
      '0.01',
    ]);
    expect(deployed.endpoint.name).toMatch(/^mock-user\//);

    server.reply({ reasoning: 'Half of 48 is 24; 48 + 24 = 72.', content: '72' });
    const answer = await json<{
      reasoning: string;
      content: string;
      trace: { role: string; content: string }[];
    }>(['run', '--finetune', ft.id, '--input', 'Natalia sold clips to 48 of her friends in April...']);
    expect([answer.reasoning, answer.content]).toEqual(['Half of 48 is 24; 48 + 24 = 72.', '72']);
    const chat = server.requests.filter((r) => r.path === '/v1/chat/completions').at(-1)!;
    expect(chat.body).toMatchObject({ model: deployed.endpoint.name });
    // Called with the frozen prompt the data was written with: the task's instruction and thinking instruction.
    expect(answer.trace[0]!.content).toContain('Solve the maths word problem.');

    const events = await json<{ message: string }[]>(['events', ft.id]);
    expect(events.length).toBeGreaterThan(0);
    const jobs = await json<{ id: string; status: string }[]>(['jobs']);
    expect(jobs.find((j) => j.id === ft.id)?.status).toBe('completed');
  });

  it('trains full, and cancels a running job', async () => {
    const ft = (
      await json<Plan>([
        'train',
        '--dataset',
        'maths',
        '--backend',
        'together',
        '--model',
        'Qwen/Qwen3-8B',
        '--full',
      ])
    ).fineTune!;
    const create = server.requests.find((r) => r.method === 'POST' && r.path === '/v1/fine-tunes')!;
    expect(create.body).toMatchObject({ training_type: { type: 'Full' } });
    const cancelled = await json<{ status: string }>(['cancel', ft.id]);
    expect(['running', 'cancelled']).toContain(cancelled.status);
    const final = await distill(['status', ft.id, '--watch', '--interval', '0.01']);
    expect(final.stdout).toMatch(/cancelled/);
    expect(final.code).toBe(1);
    expect(final.stderr.split('\n')[0]).toMatch(/cancelled/);
  });

  it('reports a job that fails', async () => {
    server.fineTunes.failNext({ message: 'CUDA out of memory', atTrainingStep: 1 });
    const ft = (
      await json<Plan>(['train', '--dataset', 'maths', '--backend', 'together', '--model', 'Qwen/Qwen3-8B'])
    ).fineTune!;
    const watch = await distill(['status', ft.id, '--watch', '--interval', '0.01']);
    expect(watch.stdout).toMatch(/failed/);
    // A watch that ends failed exits non-zero and says why.
    expect(watch.code).toBe(1);
    expect(watch.stderr.split('\n')[0]).toMatch(/failed: .*CUDA out of memory/);
    const status = await json<{ status: string; error: string }>(['status', ft.id]);
    expect(status).toMatchObject({ status: 'failed', error: expect.stringContaining('CUDA out of memory') });
    const deploy = await distill(['deploy', ft.id, '--hardware', '1x_nvidia_h100_80gb_sxm']);
    expect(deploy.code).toBe(1);
    expect(deploy.stderr.split('\n')[0]).toMatch(/failed: .*CUDA out of memory; there is no model to deploy/);
    const run = await distill(['run', '--finetune', ft.id, '--input', '1+1?']);
    expect(run.code).toBe(1);
    expect(run.stderr.split('\n')[0]).toMatch(/failed: .*CUDA out of memory; it has no model to run/);
    const events = await distill(['events', ft.id]);
    expect(events.stdout).toContain('CUDA out of memory');
  });

  it('never uploads a file the check rejects', async () => {
    await json(['dataset', 'create', '--task', 'gsm8k', '--name', 'with-gaps', '--seed', '1']);
    // A dataset whose samples lack reasoning cannot train the reasoning strategy.
    const noReasoning = path.join(project, 'plain.jsonl');
    await writeFile(noReasoning, `${JSON.stringify({ prompt: 'What is 2+2?', completion: '4' })}\n`);
    await json(['import', 'plain.jsonl', '--task', 'gsm8k', '--format', 'prompt-completion']);
    await json([
      'dataset',
      'create',
      '--task',
      'gsm8k',
      '--name',
      'mixed',
      '--seed',
      '1',
      '--split',
      'train=1',
    ]);
    const run = await distill([
      'train',
      '--dataset',
      'mixed',
      '--backend',
      'together',
      '--model',
      'Qwen/Qwen3-8B',
      '--strategy',
      'reasoning',
    ]);
    expect(run.code).not.toBe(0);
    expect(run.stderr.split('\n')[0]).toMatch(/^error: .*reasoning/i);
    expect(server.requests.filter((r) => r.path.startsWith('/v1/files') || r.method === 'PUT')).toEqual([]);
  });

  it('trains on OpenAI with the chain-of-thought format and calls the result with the cot flow', async () => {
    const started = await json<Plan>([
      'train',
      '--dataset',
      'maths',
      '--backend',
      'openai',
      '--model',
      'gpt-4.1-mini-2025-04-14',
      '--epochs',
      '2',
    ]);
    expect(started.plan.format).toBe('openai');
    expect(started.plan.call.flow).toBe('cot');
    const job = server.requests.find((r) => r.path === '/v1/fine_tuning/jobs' && r.method === 'POST')!;
    expect(job.body).toMatchObject({
      model: 'gpt-4.1-mini-2025-04-14',
      method: { type: 'supervised', supervised: { hyperparameters: { n_epochs: 2 } } },
    });
    const ft = started.fineTune!;
    await distill(['status', ft.id, '--watch', '--interval', '0.01']);
    server.reply({ content: 'Step by step: 48 / 2 = 24, 48 + 24 = 72.' }, { content: '72' });
    const answer = await json<{ reasoning: string; content: string }>([
      'run',
      '--finetune',
      ft.id,
      '--input',
      'How many clips?',
    ]);
    expect([answer.reasoning, answer.content]).toEqual(['Step by step: 48 / 2 = 24, 48 + 24 = 72.', '72']);
  });
});
