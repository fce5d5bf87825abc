import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { openSampleStore } from '@distillery/runtime';
import { type MockServer, type RecordedRequest, startMockServer } from '@distillery/testkit';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { doubleAnswer, generationProject, writeInputs } from '../__fixtures__/generation-project';
import { runAndKill as runAndKillCli, until } from '../__fixtures__/run-and-kill';
import { runCli } from '../__fixtures__/run-cli';

let server: MockServer;
let project: ReturnType<typeof generationProject>;

/** Claude through Message Batches: the catalog prices claude-sonnet-4-5 at $3/$15 direct, $1.50/$7.50 in batches. */
const CONFIG = `export default {
  providers: { anthropic: { maxRetries: 1 } },
  tasks: [{
    id: 'double', name: 'Double it', instruction: 'Double the number.', thinkingInstruction: 'Think first.',
    outputSchema: { type: 'object', properties: { answer: { type: 'number' } }, required: ['answer'], additionalProperties: false },
    runConfigs: [
      { name: 'claude', provider: 'anthropic', model: 'claude-sonnet-4-5', flow: 'reasoning', parameters: { maxTokens: 4096 } },
      { name: 'cot', provider: 'anthropic', model: 'claude-sonnet-4-5', flow: 'cot', parameters: { thinking: false, maxTokens: 1024 } },
      { name: 'custom', provider: 'anthropic', model: 'claude-custom-1', flow: 'single', parameters: { thinking: false } },
    ],
  }],
};
`;

beforeAll(async () => {
  server = await startMockServer({ models: ['claude-sonnet-4-5', 'claude-custom-1'] });
});
afterAll(async () => {
  await server.close();
});
beforeEach(() => {
  server.reset();
  server.onChat(doubleAnswer);
  project = generationProject();
  writeFileSync(path.join(project.dir, 'distill.config.ts'), CONFIG);
});
afterEach(() => project.cleanup());

const env = () => ({ ANTHROPIC_API_KEY: 'sk-ant-test', ANTHROPIC_BASE_URL: server.anthropicBaseURL });
const cli = (args: string[]) => runCli(args, { cwd: project.dir, env: env() });
const batchArgs = (n: number, ...more: string[]) => [
  'generate',
  '--task',
  'double',
  '--run-config',
  'claude',
  '--inputs',
  writeInputs(project.dir, n),
  '--batch',
  '--poll-interval',
  '0.01',
  ...more,
];
const lastJson = (stdout: string) => JSON.parse(stdout.trim().split('\n').at(-1)!);
const runAndKill = (args: string[], when: (r: RecordedRequest) => boolean) =>
  runAndKillCli(server, args, { cwd: project.dir, env: env() }, when);

async function storedSamples() {
  const store = await openSampleStore({ dir: path.join(project.dir, '.distill') });
  try {
    return (await store.query({ limit: 10_000 })).samples;
  } finally {
    await store.close();
  }
}

/** The create requests the mock accepted (a batch each), as the client sent them. */
const creates = () => server.requests.filter((r) => r.method === 'POST' && r.path === '/v1/messages/batches');
/** Every custom id the provider ever accepted, across all batches (what was paid for). */
const submittedIds = () => server.batches.list().flatMap((b) => b.customIds);

describe('distill generate --batch (Anthropic Message Batches)', { timeout: 180_000 }, () => {
  it("plans with the model's batch price from the catalog, and says when it is unknown", async () => {
    const run = await cli([...batchArgs(4, '--dry-run'), '--json']);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({
      samples: 4,
      requests: 4,
      batchesPerRound: 1,
      batchPricing: { inputPerMillion: 1.5, outputPerMillion: 7.5 },
      directPricing: { inputPerMillion: 3, outputPerMillion: 15 },
    });
    const unknown = await cli([
      'generate',
      '--task',
      'double',
      '--run-config',
      'custom',
      '--inputs',
      writeInputs(project.dir, 2),
      '--batch',
      '--dry-run',
    ]);
    expect(unknown.code).toBe(0);
    expect(unknown.stdout).toContain('the batch price of claude-custom-1 is not in the catalog');
    expect(server.requests).toHaveLength(0);
  });

  it('generates every input through one message batch, typed as the SDK sends it, at the batch price', async () => {
    const run = await cli([...batchArgs(5), '--json']);
    expect(run.code).toBe(0);
    expect(lastJson(run.stdout)).toMatchObject({
      generated: 5,
      failed: 0,
      batchesSubmitted: 1,
      requestsSubmitted: 5,
    });
    expect(server.violations).toEqual([]);
    expect(server.requests.filter((r) => r.path === '/v1/messages')).toHaveLength(0);
    const [create] = creates();
    const requests = (create!.body as { requests: { custom_id: string; params: Record<string, unknown> }[] })
      .requests;
    expect(requests).toHaveLength(5);
    for (const r of requests) {
      expect(r.custom_id).toMatch(/^[a-zA-Z0-9_-]{1,64}$/);
      expect(r.params).toMatchObject({
        model: 'claude-sonnet-4-5',
        max_tokens: 4096,
        thinking: { type: 'enabled', display: 'summarized' },
      });
      expect(r.params.stream).toBeUndefined();
    }
    const samples = await storedSamples();
    expect(samples).toHaveLength(5);
    const s2 = samples.find((s) => s.input === 'q:2')!;
    expect(s2.output.content).toBe('4');
    expect(s2.reasoning).toMatchObject({ text: 'double q:2' });
    // 3 input and 2 output tokens at $1.50/$7.50 per million.
    expect(s2.costUsd).toBeCloseTo((3 * 1.5 + 2 * 7.5) / 1_000_000, 12);

    const again = await cli([...batchArgs(5), '--json']);
    expect(lastJson(again.stdout)).toMatchObject({ generated: 0, batchesSubmitted: 0 });
    expect(server.batches.list()).toHaveLength(1);
  });

  it('runs the chain-of-thought flow as two rounds of message batches, structured output only on the final call', async () => {
    server.onChat((req) =>
      req.lastUserText === 'Considering the above, return a final result.'
        ? { content: JSON.stringify({ answer: 42 }), usage: { prompt_tokens: 10, completion_tokens: 2 } }
        : {
            content: `thinking about ${req.lastUserText}`,
            usage: { prompt_tokens: 5, completion_tokens: 4 },
          },
    );
    const run = await cli([...batchArgs(3).map((a) => (a === 'claude' ? 'cot' : a)), '--json']);
    expect(run.code).toBe(0);
    expect(lastJson(run.stdout)).toMatchObject({ generated: 3, batchesSubmitted: 2 });
    expect(server.violations).toEqual([]);
    const [first, second] = creates().map(
      (r) => (r.body as { requests: { params: Record<string, unknown> }[] }).requests,
    );
    expect(first!.every((r) => r.params.output_config === undefined)).toBe(true);
    expect(
      second!.every(
        (r) => (r.params.output_config as { format: { type: string } }).format.type === 'json_schema',
      ),
    ).toBe(true);
    for (const r of second!) {
      const messages = r.params.messages as { role: string; content: string }[];
      expect(messages.at(-1)).toEqual({
        role: 'user',
        content: 'Considering the above, return a final result.',
      });
      expect(messages.at(-2)).toMatchObject({
        role: 'assistant',
        content: expect.stringMatching(/^thinking about /),
      });
    }
    const samples = await storedSamples();
    expect(samples).toHaveLength(3);
    expect(samples[0]!.output.structured).toEqual({ answer: 42 });
    expect(samples[0]!.reasoning).toMatchObject({ origin: 'cot-turn' });
    expect(samples[0]!.costUsd).toBeCloseTo((15 * 1.5 + 6 * 7.5) / 1_000_000, 12);
  });

  for (const [moment, when, fault] of [
    [
      'before submit (the create never reaches the provider)',
      (r: RecordedRequest) => r.method === 'POST' && r.path === '/v1/messages/batches',
      'drop',
    ],
    [
      'after submit, before the batch id came back',
      (r: RecordedRequest) => r.method === 'POST' && r.path === '/v1/messages/batches',
      'slow-create',
    ],
    [
      'while polling',
      (r: RecordedRequest) => r.method === 'GET' && /^\/v1\/messages\/batches\/[^/]+$/.test(r.path),
      undefined,
    ],
    [
      'while downloading the results',
      (r: RecordedRequest) => r.method === 'GET' && r.path.endsWith('/results'),
      'slow-results',
    ],
  ] as const) {
    it(`kill -9 ${moment}, resume: exactly N samples, no request paid twice`, async () => {
      if (fault === 'drop') server.fault({ type: 'drop-connection', path: '/v1/messages/batches' });
      if (fault === 'slow-create') server.fault({ type: 'latency', ms: 300, path: '/v1/messages/batches' });
      if (fault === 'slow-results') server.fault({ type: 'latency', ms: 300, path: '/results' });
      server.batches.configure({ completeAfterPolls: 3 });
      const code = await runAndKill(batchArgs(7), when);
      expect(code).not.toBe(0);
      // The mock finishes a create it received even though the client is gone.
      if (fault === 'slow-create') await until(() => server.batches.list().length === 1);
      const resumed = await cli(batchArgs(7));
      expect(resumed.code).toBe(0);
      const samples = await storedSamples();
      expect(samples.map((s) => s.input).sort()).toEqual(
        Array.from({ length: 7 }, (_, i) => `q:${i + 1}`).sort(),
      );
      const ids = submittedIds();
      expect(new Set(ids).size).toBe(ids.length);
      expect(ids).toHaveLength(7);
      expect(samples.map((s) => s.output.content).sort()).toEqual(['10', '12', '14', '2', '4', '6', '8']);
      expect(server.violations).toEqual([]);
    });
  }

  it('keeps the partial results of an expired batch and resubmits only the rest with --retry-failed', async () => {
    server.batches.configure({ expireAfterAnswering: 2 });
    const run = await cli([...batchArgs(5), '--json']);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('3 inputs failed; the 2 other samples were stored.');
    const summary = lastJson(run.stdout);
    expect(summary).toMatchObject({ generated: 2, failed: 3 });
    expect(summary.failures[0].reason).toContain('24-hour');
    expect(await storedSamples()).toHaveLength(2);
    server.batches.configure({ expireAfterAnswering: undefined });
    const retry = await cli([
      'generate',
      '--task',
      'double',
      '--run-config',
      'claude',
      '--retry-failed',
      '--batch',
      '--poll-interval',
      '0.01',
      '--json',
    ]);
    expect(retry.code).toBe(0);
    expect(lastJson(retry.stdout)).toMatchObject({ generated: 3, failed: 0 });
    const [, second] = server.batches.list();
    expect(second!.customIds).toHaveLength(3);
    expect(await storedSamples()).toHaveLength(5);
    const ids = submittedIds();
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('keeps per-line errors with their reason, and survives faults on the control routes', async () => {
    server.onChat((req) =>
      req.lastUserText === 'q:2'
        ? {
            status: 400,
            errorBody: {
              type: 'error',
              error: { type: 'invalid_request_error', message: 'prompt is too long' },
            },
          }
        : doubleAnswer(req),
    );
    // A 529 on a poll and on the results download: retried, nothing lost or sent twice.
    server.fault(
      { type: 'server-error', status: 529, retryAfterMs: 0, path: '/v1/messages/batches/' },
      { type: 'server-error', status: 500, retryAfterMs: 0, path: '/results' },
    );
    const run = await cli([...batchArgs(3), '--json']);
    expect(run.code).toBe(1);
    const summary = lastJson(run.stdout);
    expect(summary).toMatchObject({ generated: 2, failed: 1 });
    expect(summary.failures[0]).toMatchObject({
      input: 'q:2',
      reason: expect.stringContaining('prompt is too long'),
    });
    expect(server.requests.filter((r) => r.fault !== undefined)).toHaveLength(2);
    expect(submittedIds()).toHaveLength(3);
  });

  it('lists, shows and cancels a message batch', async () => {
    server.batches.configure({ completeAfterPolls: 1_000_000 });
    const code = await runAndKill(
      batchArgs(3),
      (r) => r.method === 'GET' && /^\/v1\/messages\/batches\/[^/]+$/.test(r.path),
    );
    expect(code).not.toBe(0);
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
    const next = await cli([...batchArgs(3), '--json']);
    expect(lastJson(next.stdout)).toMatchObject({ generated: 0, failed: 3 });
  });
});
