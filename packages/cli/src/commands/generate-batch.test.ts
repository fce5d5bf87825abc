import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { openSampleStore } from '@distillery/runtime';
import { type MockServer, type RecordedRequest, startMockServer } from '@distillery/testkit';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { doubleAnswer, generationProject, mockEnv, writeInputs } from '../__fixtures__/generation-project';
import { runAndKill as runAndKillCli, until } from '../__fixtures__/run-and-kill';
import { runCli } from '../__fixtures__/run-cli';

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

const env = () => ({ ...mockEnv(server) });
const cli = (args: string[]) => runCli(args, { cwd: project.dir, env: env() });
const batchArgs = (n: number, ...more: string[]) => [
  'generate',
  '--task',
  'double',
  '--inputs',
  writeInputs(project.dir, n),
  '--batch',
  '--poll-interval',
  '0.01',
  ...more,
];

async function storedSamples() {
  const store = await openSampleStore({ dir: path.join(project.dir, '.distill') });
  try {
    return (await store.query({ limit: 10_000 })).samples;
  } finally {
    await store.close();
  }
}

/** Every custom id the provider ever received, across all batches (what was paid for). */
const submittedIds = () => server.batches.list().flatMap((b) => b.customIds);
const submittedInputs = () =>
  server.batches.list().flatMap((b) =>
    b.customIds.map((id) => {
      const body = b.answers.get(id)?.body as { choices?: { message?: { content?: string } }[] } | undefined;
      return body?.choices?.[0]?.message?.content ?? '';
    }),
  );

const runAndKill = (args: string[], when: (r: RecordedRequest) => boolean) =>
  runAndKillCli(server, args, { cwd: project.dir, env: env() }, when);

describe('distill generate --batch (OpenAI Batch API)', { timeout: 120_000 }, () => {
  it('plans with the batch price and sends nothing on --dry-run', async () => {
    const run = await cli([...batchArgs(4, '--dry-run'), '--json']);
    expect(run.code).toBe(0);
    const plan = JSON.parse(run.stdout);
    expect(plan).toMatchObject({
      samples: 4,
      callsPerSample: 1,
      requests: 4,
      batchesPerRound: 1,
      batchPricing: { inputPerMillion: 500_000, outputPerMillion: 500_000 },
      directPricing: { inputPerMillion: 1_000_000, outputPerMillion: 1_000_000 },
    });
    expect(plan.estimatedCostUsd).toBeCloseTo(plan.estimatedDirectCostUsd / 2);
    expect(server.requests).toHaveLength(0);
    const human = await cli(batchArgs(4, '--dry-run'));
    expect(human.stdout).toContain('batch price: $500000/M in');
    expect(human.stdout).toContain('nothing was sent');
  });

  it('says in the plan how far --max-cost goes and how --max-enqueued-tokens cuts the batches', async () => {
    const full = JSON.parse((await cli([...batchArgs(4, '--dry-run'), '--json'])).stdout);
    const budget = String(full.estimatedCostUsd * 0.6);
    const perRequest = Math.ceil(full.estimatedInputTokens / full.requests);
    const run = await cli([
      ...batchArgs(4, '--dry-run', '--max-cost', budget, '--max-enqueued-tokens', String(2 * perRequest)),
      '--json',
    ]);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ samples: 4, samplesWithinBudget: 2, batchesPerRound: 2 });
    const human = await cli(batchArgs(4, '--dry-run', '--max-cost', budget));
    expect(human.stdout).toContain('--max-cost covers about 2 of the 4 samples');
    expect(server.requests).toHaveLength(0);
  });

  it('generates every input through one batch, each sample at the batch price', async () => {
    const run = await cli([...batchArgs(6), '--json']);
    expect(run.code).toBe(0);
    const summary = JSON.parse(run.stdout.trim().split('\n').at(-1)!);
    expect(summary).toMatchObject({ generated: 6, failed: 0, batchesSubmitted: 1, requestsSubmitted: 6 });
    expect(summary.costUsd).toBeCloseTo(6 * 2.5);
    const samples = await storedSamples();
    expect(samples).toHaveLength(6);
    const s3 = samples.find((s) => s.input === 'q:3')!;
    expect(s3.output.content).toBe('6');
    expect(s3.reasoning).toMatchObject({ text: 'double q:3', origin: 'model-field' });
    expect(s3.costUsd).toBeCloseTo(2.5);
    expect(server.requests.filter((r) => r.path === '/v1/chat/completions')).toHaveLength(0);
    const input = server.files.list().find((f) => f.purpose === 'batch')!;
    expect(input.content!.toString().trim().split('\n')).toHaveLength(6);

    const again = await cli([...batchArgs(6), '--json']);
    expect(JSON.parse(again.stdout.trim().split('\n').at(-1)!)).toMatchObject({
      generated: 0,
      batchesSubmitted: 0,
    });
    expect(server.batches.list()).toHaveLength(1);
  });

  it('runs the chain-of-thought flow as two rounds of batches, structured output only on the final call', async () => {
    writeFileSync(
      path.join(project.dir, 'distill.config.ts'),
      `export default {
  models: { plain: { reasoning: 'none', pricing: { inputPerMillion: 2, outputPerMillion: 4 } } },
  tasks: [{
    id: 'double', name: 'Double it', instruction: 'Double the number.',
    outputSchema: { type: 'object', properties: { answer: { type: 'number' } }, required: ['answer'], additionalProperties: false },
    runConfigs: [{ name: 'cot', provider: 'openai', model: 'plain', flow: 'cot' }],
  }],
};
`,
    );
    server.onChat((req) =>
      req.lastUserText === 'Considering the above, return a final result.'
        ? { content: JSON.stringify({ answer: 42 }), usage: { prompt_tokens: 10, completion_tokens: 2 } }
        : {
            content: `thinking about ${req.lastUserText}`,
            usage: { prompt_tokens: 5, completion_tokens: 4 },
          },
    );
    const run = await cli([...batchArgs(3), '--json']);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout.trim().split('\n').at(-1)!)).toMatchObject({
      generated: 3,
      batchesSubmitted: 2,
    });
    const [first, second] = server.batches.list();
    const bodies = (b: typeof first) =>
      server.files
        .get(b!.inputFileId!)!
        .content!.toString()
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l).body as Record<string, unknown>);
    expect(bodies(first).every((b) => b.response_format === undefined)).toBe(true);
    expect(bodies(second).every((b) => (b.response_format as { type: string }).type === 'json_schema')).toBe(
      true,
    );
    const samples = await storedSamples();
    expect(samples).toHaveLength(3);
    expect(samples[0]!.output.structured).toEqual({ answer: 42 });
    expect(samples[0]!.reasoning).toMatchObject({ origin: 'cot-turn' });
    // Two calls, (5+4) and (10+2) tokens, at half of $2/$4 per million.
    expect(samples[0]!.costUsd).toBeCloseTo((15 * 1 + 6 * 2) / 1_000_000);
  });

  for (const [moment, when] of [
    ['before submit (input uploaded)', (r: RecordedRequest) => r.method === 'POST' && r.path === '/v1/files'],
    [
      'while the create is in flight',
      (r: RecordedRequest) => r.method === 'POST' && r.path === '/v1/batches',
    ],
    ['while polling', (r: RecordedRequest) => r.method === 'GET' && r.path.startsWith('/v1/batches/')],
    ['while downloading', (r: RecordedRequest) => r.method === 'GET' && r.path.endsWith('/content')],
  ] as const) {
    it(`kill -9 ${moment}, resume: exactly N samples, no request paid twice`, async () => {
      // Slow the step the kill aims at, so the process is inside it when it dies.
      const slow = moment.includes('create')
        ? '/v1/batches'
        : moment.includes('download')
          ? '/content'
          : undefined;
      if (slow) server.fault({ type: 'latency', ms: 300, path: slow });
      server.batches.configure({ completeAfterPolls: 3 });
      const code = await runAndKill(batchArgs(8), when);
      expect(code).not.toBe(0);
      // The mock finishes a create it already received even though the client is gone.
      if (slow === '/v1/batches') await until(() => server.batches.list().length === 1);
      const resumed = await cli(batchArgs(8));
      expect(resumed.code).toBe(0);
      const samples = await storedSamples();
      expect(samples.map((s) => s.input).sort()).toEqual(
        Array.from({ length: 8 }, (_, i) => `q:${i + 1}`).sort(),
      );
      const ids = submittedIds();
      expect(new Set(ids).size).toBe(ids.length);
      expect(ids).toHaveLength(8);
      expect(submittedInputs().sort()).toEqual(samples.map((s) => s.output.content).sort());
    });
  }

  it('--max-cost prices each batch before submitting it: stops at the budget, every paid request stored', async () => {
    // maxTokens 2 keeps the estimate near the real price: the batch price is $0.50 a token, a sample 5 tokens.
    writeFileSync(
      path.join(project.dir, 'distill.config.ts'),
      readFileSync(path.join(project.dir, 'distill.config.ts'), 'utf8').replace(
        "model: 'teacher-r1', flow: 'reasoning' }",
        "model: 'teacher-r1', flow: 'reasoning', parameters: { maxTokens: 2 } }",
      ),
    );
    // Six samples cost $15, so $12 cannot buy them all.
    const run = await cli([...batchArgs(6), '--max-cost', '12', '--json']);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/Stopped short at the --max-cost budget: \d sample\(s\) stored/);
    const summary = JSON.parse(run.stdout.trim().split('\n').at(-1)!);
    expect(summary.stopReason).toBe('budget');
    expect(summary.generated).toBeGreaterThan(0);
    expect(summary.generated).toBeLessThan(6);
    expect(summary.costUsd).toBeLessThanOrEqual(12);
    // Every request the provider got (was paid for) is a stored sample of this run.
    expect(submittedIds()).toHaveLength(summary.generated);
    expect(await storedSamples()).toHaveLength(summary.generated);

    const rest = await cli([...batchArgs(6), '--max-cost', '100', '--json']);
    expect(rest.code).toBe(0);
    expect(JSON.parse(rest.stdout.trim().split('\n').at(-1)!)).toMatchObject({
      generated: 6 - summary.generated,
      stopReason: 'done',
    });
    const ids = submittedIds();
    expect(new Set(ids).size).toBe(6);
    expect(ids).toHaveLength(6);
  });

  it('--max-enqueued-tokens cuts batches to the quota and submits the next only when the queue has room', async () => {
    // A quota below one request: refused before anything is sent, saying what one request needs.
    const tiny = await cli([...batchArgs(6), '--max-enqueued-tokens', '1', '--json']);
    expect(tiny.code).toBe(1);
    const needs = Number(
      /needs about (\d+) prompt tokens, more than --max-enqueued-tokens 1/.exec(tiny.stderr)?.[1],
    );
    expect(needs).toBeGreaterThan(0);
    expect(server.batches.list()).toHaveLength(0);

    // Room for two requests at a time: three batches of two, each submitted after the one before ended.
    const run = await cli([...batchArgs(6), '--max-enqueued-tokens', String(2 * needs + 1), '--json']);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout.trim().split('\n').at(-1)!)).toMatchObject({
      generated: 6,
      batchesSubmitted: 3,
    });
    const batches = server.batches.list();
    expect(batches.map((b) => b.customIds.length)).toEqual([2, 2, 2]);
    for (let i = 1; i < batches.length; i++) {
      expect(batches[i]!.createdAt).toBeGreaterThanOrEqual(batches[i - 1]!.endedAt!);
    }
    expect(await storedSamples()).toHaveLength(6);
  });

  it('refuses --rpm and --tpm with --batch (the provider paces a batch)', async () => {
    const run = await cli([...batchArgs(2), '--tpm', '1000']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--tpm paces direct calls; it does not apply to --batch.');
    expect(run.stderr).toContain('--max-enqueued-tokens');
    expect(server.requests).toHaveLength(0);
  });

  it('keeps the partial results of an expired batch and resubmits only the rest with --retry-failed', async () => {
    server.batches.configure({ expireAfterAnswering: 3 });
    const run = await cli([...batchArgs(5), '--json']);
    // Not everything was generated, so not exit 0; the error says how to go on.
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('2 inputs failed; the 3 other samples were stored.');
    expect(run.stderr).toContain('--retry-failed');
    expect(JSON.parse(run.stdout.trim().split('\n').at(-1)!)).toMatchObject({ generated: 3, failed: 2 });
    expect(await storedSamples()).toHaveLength(3);
    server.batches.configure({ expireAfterAnswering: undefined });
    const retry = await cli([
      'generate',
      '--task',
      'double',
      '--retry-failed',
      '--batch',
      '--poll-interval',
      '0.01',
      '--json',
    ]);
    expect(retry.code).toBe(0);
    expect(JSON.parse(retry.stdout.trim().split('\n').at(-1)!)).toMatchObject({ generated: 2, failed: 0 });
    const [, second] = server.batches.list();
    expect(second!.customIds).toHaveLength(2);
    expect(await storedSamples()).toHaveLength(5);
    const ids = submittedIds();
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('keeps per-line errors with their reason as recorded failures', async () => {
    server.onChat((req) =>
      req.lastUserText === 'q:2'
        ? { status: 400, errorBody: { error: { message: 'bad prompt', type: 'invalid_request_error' } } }
        : doubleAnswer(req),
    );
    const run = await cli([...batchArgs(3), '--json']);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('1 input failed; the 2 other samples were stored.');
    const summary = JSON.parse(run.stdout.trim().split('\n').at(-1)!);
    expect(summary).toMatchObject({ generated: 2, failed: 1 });
    expect(summary.failures[0]).toMatchObject({
      input: 'q:2',
      reason: expect.stringContaining('bad prompt'),
    });
  });

  it('never pays twice across direct and batch runs of the same generation', async () => {
    const direct = await cli([
      'generate',
      '--task',
      'double',
      '--inputs',
      writeInputs(project.dir, 6),
      '--count',
      '2',
      '--json',
    ]);
    expect(direct.code).toBe(0);
    const run = await cli([...batchArgs(6, '--count', '6'), '--json']);
    expect(run.code).toBe(0);
    expect(submittedIds()).toHaveLength(4);
    const chats = server.requests.filter((r) => r.path === '/v1/chat/completions');
    expect(chats).toHaveLength(2);
    expect(await storedSamples()).toHaveLength(6);
  });

  it('lists, shows and cancels batches; an interrupted run leaves its batch running with its price', async () => {
    server.batches.configure({ completeAfterPolls: 1_000_000 });
    const code = await runAndKill(
      batchArgs(3),
      (r) => r.method === 'GET' && r.path.startsWith('/v1/batches/'),
    );
    expect(code).not.toBe(0);
    const list = await cli(['batches', 'list']);
    expect(list.code).toBe(0);
    expect(list.stdout).toMatch(
      /db-\w+ {2}batch_\w+ {2}openai\/teacher-r1 {2}(validating|running) {2}.* will cost ~\$/,
    );
    const [remote] = server.batches.list();
    const status = await cli(['batches', 'status', remote!.id, '--json']);
    expect(JSON.parse(status.stdout)).toMatchObject({
      remoteId: remote!.id,
      requests: 3,
      provider: { status: 'running' },
    });
    const cancel = await cli(['batches', 'cancel', remote!.id]);
    expect(cancel.code).toBe(0);
    expect(server.batches.get(remote!.id)!.status).toBe('cancelling');
    // The next run stores nothing of the cancelled batch (it answered none) and records the three as failed.
    const next = await cli([...batchArgs(3), '--json']);
    expect(JSON.parse(next.stdout.trim().split('\n').at(-1)!)).toMatchObject({ generated: 0, failed: 3 });
  });

  it('runs through Together batches too, saying its batch price is unknown for an unlisted model', async () => {
    writeFileSync(
      path.join(project.dir, 'distill.config.ts'),
      `export default {
  tasks: [{ id: 'double', name: 'D', instruction: 'Double the number.', runConfigs: [{ name: 'qwen', provider: 'together', model: 'Qwen/Qwen3-8B', flow: 'reasoning' }] }],
};
`,
    );
    const plan = await cli(batchArgs(3, '--dry-run'));
    expect(plan.code).toBe(0);
    expect(plan.stdout).toContain(
      'estimated cost: unknown: the batch price of Qwen/Qwen3-8B is not in the catalog',
    );
    const run = await cli([...batchArgs(3), '--json']);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout.trim().split('\n').at(-1)!)).toMatchObject({ generated: 3, costUsd: null });
    const [batch] = server.batches.list();
    expect(batch).toMatchObject({ api: 'together', status: 'completed' });
    expect(server.files.get(batch!.inputFileId!)!.purpose).toBe('batch-api');
    const samples = await storedSamples();
    expect(samples.map((s) => s.output.content).sort()).toEqual(['2', '4', '6']);
    expect(samples[0]!.costUsd).toBeNull();
  });

  it('says so when the provider has no batch API', async () => {
    writeFileSync(
      path.join(project.dir, 'distill.config.ts'),
      `const plain = {
  specificationVersion: 'v1', kind: 'model-provider', id: 'plain', description: 'A provider without a batch API.',
  models: [],
  async chat() { throw new Error('not called'); },
  async *stream() { throw new Error('not called'); },
};
export default {
  plugins: [plain],
  tasks: [{ id: 'double', name: 'D', instruction: 'x', runConfigs: [{ name: 'direct', provider: 'plain', model: 'm', flow: 'single' }] }],
};
`,
    );
    const run = await cli(batchArgs(2));
    expect(run.stderr).toContain('Provider "plain" (run config "direct") has no batch API.');
    expect(run.code).toBe(1);
    expect(server.requests).toHaveLength(0);
  });
});
