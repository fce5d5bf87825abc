import { spawn } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { type EvalReport, openSampleStore, saveFineTune } from '@distillery/runtime';
import { type MockServer, type RecordedRequest, startMockServer } from '@distillery/testkit';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  EVAL_PRICES,
  evalAnswerer,
  evalProject,
  gsm8kTestProblems,
  TRUE_ACCURACY,
} from '../__fixtures__/eval-project';
import { mockEnv } from '../__fixtures__/generation-project';
import { BIN, runCli } from '../__fixtures__/run-cli';

let server: MockServer;
let project: ReturnType<typeof evalProject>;
const answerer = evalAnswerer();

beforeAll(async () => {
  server = await startMockServer();
});
afterAll(async () => {
  await server.close();
});
beforeEach(() => {
  server.reset();
  server.onChat(answerer.handler);
  project = evalProject();
});
afterEach(() => project.cleanup());

const cli = (args: string[]) => runCli(args, { cwd: project.dir, env: mockEnv(server) });
const chats = (from = 0) => server.requests.slice(from).filter((r) => r.path === '/v1/chat/completions');
/** The (model, task input) a chat request paid for. */
const pairOf = (r: RecordedRequest) => {
  const body = r.body as { model: string; messages: { role: string; content: string }[] };
  return `${body.model}\u0000${body.messages.find((m) => m.role === 'user')!.content}`;
};

const EVAL_ARGS = [
  'eval',
  '--task',
  'gsm8k',
  '--dataset',
  'gsm',
  '--run-config',
  'teacher',
  '--fine-tune',
  'ftr_student',
  '--model',
  'openai:base-model',
  '--training-cost',
  'ftr_student=5',
];

/** Imports the GSM8K slice, freezes train/test halves, and records a completed fine-tune trained on train. */
async function setUp(): Promise<string[]> {
  expect((await cli(['import', 'gsm8k-test.jsonl', '--task', 'gsm8k'])).code).toBe(0);
  const created = await cli([
    'dataset',
    'create',
    '--task',
    'gsm8k',
    '--name',
    'gsm',
    '--split',
    'train=0.5,test=0.5',
    '--seed',
    '7',
    '--json',
  ]);
  expect(created.code).toBe(0);
  const shown = await cli(['dataset', 'show', 'gsm', '--json']);
  const dataset = JSON.parse(shown.stdout) as { id: string; splits: Record<string, string[]> };
  const store = await openSampleStore({ dir: path.join(project.dir, '.distill') });
  try {
    await saveFineTune(store, {
      id: 'ftr_student',
      backend: 'openai',
      baseModel: 'base-model',
      datasetId: dataset.id,
      splits: { train: 'train' },
      strategy: 'final-only',
      method: 'lora',
      hyperparameters: {},
      prompt: { system: 'Solve the maths word problem. End with a line "#### N" holding the final number.' },
      flow: 'single',
      files: {},
      status: 'completed',
      statusHistory: [{ status: 'completed', at: '2026-12-01T00:00:00.000Z' }],
      events: [],
      resultModel: 'ft:student',
      createdAt: '2026-12-01T00:00:00.000Z',
    });
    const samples = await store.getMany(dataset.splits.test!);
    return samples.map((s) => s.input);
  } finally {
    await store.close();
  }
}

/** The same candidates on the whole fixed GSM8K slice (the dataset split's membership depends on random sample ids). */
const FILE_ARGS = EVAL_ARGS.map((arg) =>
  arg === '--dataset' ? '--items' : arg === 'gsm' ? 'gsm8k-test.jsonl' : arg,
);

describe('distill eval', { timeout: 300_000 }, () => {
  it('fine-tune vs teacher vs base model on frozen GSM8K test items: true accuracies covered, right signs, exact costs, answers reused', async () => {
    await setUp();
    const questions = gsm8kTestProblems().map((p) => p.question);
    const n = questions.length;
    expect(n).toBe(200);
    const run = await cli([...FILE_ARGS, '--json', '--report', 'report.html']);
    expect(run.stderr).not.toMatch(/Error/);
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout) as EvalReport;
    expect(report.items).toEqual({ source: 'gsm8k-test.jsonl', count: n });
    expect(report.reference).toBe('teacher');
    expect(report.candidates.map((c) => c.name)).toEqual(['teacher', 'ftr_student', 'openai:base-model']);

    const models = ['teacher-r1', 'ft:student', 'base-model'] as const;
    const passes = models.map((m) => questions.filter((q) => answerer.answersCorrectly(m, q)).length);
    for (const [i, candidate] of report.candidates.entries()) {
      const model = models[i]!;
      // The exact share the mock answered right, and an interval that covers the true accuracy.
      expect(candidate.scored).toBe(n);
      expect(candidate.passes).toBe(passes[i]);
      expect(candidate.score.method).toBe('wilson');
      expect(candidate.score.lower!).toBeLessThanOrEqual(TRUE_ACCURACY[model]);
      expect(candidate.score.upper!).toBeGreaterThanOrEqual(TRUE_ACCURACY[model]);
      // Strict (#### N) and flexible (last number) agree here: every reply ends in #### N.
      expect(candidate.parts.strict!.estimate).toBe(passes[i]! / n);
      expect(candidate.parts.flexible!.estimate).toBe(passes[i]! / n);
      // Costs from the known usage (100 in, 50 out) and prices.
      expect(candidate.costUsd.total!).toBeCloseTo(n * EVAL_PRICES[model].perCall, 10);
      expect(candidate.costUsd.perCorrect!).toBeCloseTo((n * EVAL_PRICES[model].perCall) / passes[i]!, 10);
      expect(candidate.outcomes).toEqual({
        'call-failed': 0,
        'reasoning-truncated': 0,
        'empty-answer': 0,
        'invalid-structure': 0,
      });
    }
    // The teacher reasons in a field; the others answer directly.
    expect(report.candidates[0]!.reasoning.withReasoning).toBe(n);
    expect(report.candidates[1]!.reasoning.withReasoning).toBe(0);

    const [student, base] = report.comparisons;
    expect(student!.candidate).toBe('ftr_student');
    expect(student!.difference.estimate).toBeCloseTo((passes[1]! - passes[0]!) / n, 12);
    expect(student!.difference.estimate!).toBeLessThan(0);
    expect(student!.difference.lower!).toBeLessThanOrEqual(
      TRUE_ACCURACY['ft:student'] - TRUE_ACCURACY['teacher-r1'],
    );
    expect(student!.difference.upper!).toBeGreaterThanOrEqual(
      TRUE_ACCURACY['ft:student'] - TRUE_ACCURACY['teacher-r1'],
    );
    expect(base!.difference.upper!).toBeLessThan(0);
    expect(base!.mcnemar!.pValue).toBeLessThan(0.001);
    expect(student!.retained.estimate).toBeCloseTo(passes[1]! / passes[0]!, 12);
    const wtl = student!.winTieLoss;
    expect(wtl.wins + wtl.ties + wtl.losses).toBe(n);
    expect(wtl.wins - wtl.losses).toBe(passes[1]! - passes[0]!);
    // $5 of training saves $0.0005 a call against the teacher: 10,000 calls tie, 10,001 win.
    expect(student!.breakEvenCalls).toBe(10_001);
    expect(base!.breakEvenCalls).toBeNull();

    // Every candidate answered every item exactly once.
    const first = chats();
    expect(first).toHaveLength(3 * n);
    expect(new Set(first.map(pairOf)).size).toBe(3 * n);
    expect(report.run).toMatchObject({
      paidAnswers: 3 * n,
      reusedAnswers: 0,
      failedCalls: 0,
      complete: true,
    });

    const html = readFileSync(path.join(project.dir, 'report.html'), 'utf8');
    expect(html).toContain('<svg');
    expect(html).not.toMatch(/<script|src="http|href="http/);
    for (const name of ['teacher', 'ftr_student', 'openai:base-model']) expect(html).toContain(name);

    // A later eval of the same candidates (another scorer) reuses every stored answer: no call.
    const again = await cli([...FILE_ARGS, '--scorer', 'exact', '--json']);
    expect(again.code).toBe(0);
    expect(chats()).toHaveLength(3 * n);
    expect((JSON.parse(again.stdout) as EvalReport).run).toMatchObject({
      paidAnswers: 0,
      reusedAnswers: 3 * n,
    });

    // The human table names every candidate with its score.
    const table = await cli(FILE_ARGS);
    expect(table.code).toBe(0);
    expect(table.stdout).toContain(`ftr_student`);
    expect(table.stdout).toMatch(/McNemar p/);
    expect(chats()).toHaveLength(3 * n);
  });

  it('refuses the split the fine-tune trained on unless forced', async () => {
    await setUp();
    const refused = await cli([...EVAL_ARGS, '--split', 'train']);
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toMatch(/ftr_student was trained on split "train"/);
    expect(refused.stderr).toMatch(/--force/);
    expect(chats()).toHaveLength(0);
  });

  it('kill -9 mid-eval, then resume: no stored answer is paid for twice', async () => {
    const questions = await setUp();
    const n = questions.length;
    const slow = evalAnswerer(15);
    server.onChat(slow.handler);
    const child = spawn(process.execPath, [BIN, ...EVAL_ARGS, '--concurrency', '4', '--json'], {
      cwd: project.dir,
      env: { PATH: process.env.PATH, HOME: process.env.HOME, NO_COLOR: '1', ...mockEnv(server) },
      stdio: 'ignore',
    });
    const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
    // Wait until a good part of the answers has been asked for, then kill without warning.
    await new Promise<void>((resolve) => {
      const check = setInterval(() => {
        if (chats().length >= n) {
          clearInterval(check);
          resolve();
        }
      }, 5);
    });
    child.kill('SIGKILL');
    await exited;
    const before = chats().length;
    expect(before).toBeLessThan(3 * n);

    const store = await openSampleStore({ dir: path.join(project.dir, '.distill') });
    let stored: Set<string>;
    try {
      const answers = await store.listRecords<{ model: string; input: string; status: string }>(
        'eval-answer',
      );
      stored = new Set(
        answers.filter((a) => a.value.status === 'ok').map((a) => `${a.value.model}\u0000${a.value.input}`),
      );
    } finally {
      await store.close();
    }
    expect(stored.size).toBeGreaterThan(0);

    const resumed = await cli([...EVAL_ARGS, '--json']);
    expect(resumed.code).toBe(0);
    const report = JSON.parse(resumed.stdout) as EvalReport;
    const second = chats().slice(before).map(pairOf);
    // Nothing stored was asked again; everything else was asked exactly once.
    expect(second.filter((pair) => stored.has(pair))).toEqual([]);
    expect(second).toHaveLength(3 * n - stored.size);
    expect(new Set(second).size).toBe(second.length);
    expect(report.run).toMatchObject({
      paidAnswers: 3 * n - stored.size,
      reusedAnswers: stored.size,
      complete: true,
    });
    const passes = questions.filter((q) => slow.answersCorrectly('ft:student', q)).length;
    expect(report.candidates[1]!.passes).toBe(passes);
    expect(existsSync(path.join(project.dir, '.distill'))).toBe(true);
  });
});

describe('distill eval --scorer judge with logprobs', { timeout: 120_000 }, () => {
  const PASS_PROBABILITY = 0.8;
  /** The judge answers PASS, putting PASS_PROBABILITY on the verdict token and the rest on FAIL. */
  const judging = () =>
    server.onChat((info) => {
      if (info.model !== 'judge-model') return answerer.handler(info);
      const logprobs = info.body.logprobs === true;
      return {
        content: 'The answer is right.\nVERDICT: PASS',
        ...(logprobs
          ? {
              logprobs: [
                { token: 'The answer is right.\nVERDICT:', logprob: 0 },
                {
                  token: ' PASS',
                  logprob: Math.log(PASS_PROBABILITY),
                  top: [
                    { token: ' PASS', logprob: Math.log(PASS_PROBABILITY) },
                    { token: ' FAIL', logprob: Math.log(1 - PASS_PROBABILITY) },
                  ],
                },
              ],
            }
          : {}),
      };
    });
  const JUDGE_ARGS = [
    'eval',
    '--task',
    'gsm8k',
    '--items',
    'few.jsonl',
    '--model',
    'openai:base-model',
    '--scorer',
    'judge',
    '--scorer-option',
    'provider=openai',
    '--scorer-option',
    'model=judge-model',
    '--json',
  ];
  const writeFew = () =>
    writeFileSync(
      path.join(project.dir, 'few.jsonl'),
      readFileSync(path.join(project.dir, 'gsm8k-test.jsonl'), 'utf8').split('\n').slice(0, 3).join('\n'),
    );

  it('scores each item with the probability the judge put on PASS, asked for through the provider', async () => {
    writeFew();
    judging();
    const run = await cli([...JUDGE_ARGS, '--scorer-option', 'logprobs=true']);
    expect(run.stderr).not.toMatch(/Error/);
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout) as EvalReport;
    const judgeCalls = chats().filter((r) => (r.body as { model: string }).model === 'judge-model');
    expect(judgeCalls).toHaveLength(3);
    expect(judgeCalls[0]!.body).toMatchObject({ logprobs: true, top_logprobs: 5 });
    const scores = report.perItem.map((row) => row.answers['openai:base-model']?.score);
    expect(scores).toHaveLength(3);
    for (const score of scores) expect(score).toBeCloseTo(PASS_PROBABILITY, 12);
    expect(report.candidates[0]!.score.estimate).toBeCloseTo(PASS_PROBABILITY, 12);
  });

  it('without logprobs the judge’s written verdict is the score', async () => {
    writeFew();
    judging();
    const run = await cli(JUDGE_ARGS);
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout) as EvalReport;
    const judgeCalls = chats().filter((r) => (r.body as { model: string }).model === 'judge-model');
    expect(judgeCalls[0]!.body).not.toHaveProperty('logprobs');
    expect(report.perItem.map((row) => row.answers['openai:base-model']?.score)).toEqual([1, 1, 1]);
  });
});
