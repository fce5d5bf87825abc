import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { type DistilleryConfigInput, DistilleryConfigSchema } from '@distillery/core';
import flows from '@distillery/flows';
import { type ChatRequestInfo, type MockReply, type MockServer, startMockServer } from '@distillery/testkit';
import { failOnSpecViolations } from '@distillery/testkit/vitest';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createContext } from '../context/runtime-context';
import { loadPlugins } from '../plugins/load-plugins';
import type { Session } from '../session';
import { openSampleStore, type SqliteSampleStore } from '../store/open-sample-store';
import { httpProvider } from './__fixtures__/http-provider';
import { type GenerateSamplesOptions, generateSamples } from './generate-samples';
import { GENERATION_FAILURE_KIND, GenerationFailureSchema } from './generation-failure';
import { TOPIC_TREE_KIND } from './topic-tree';

failOnSpecViolations();

let server: MockServer;
let dir: string;
let store: SqliteSampleStore;

beforeAll(async () => {
  server = await startMockServer();
});
afterAll(async () => {
  await server.close();
});
beforeEach(async () => {
  server.reset();
  server.onChat(answer);
  dir = await mkdtemp(path.join(os.tmpdir(), 'generate-'));
  store = await openSampleStore({ dir });
  return () => store.close();
});

/** Deterministic teacher: "q:N" is answered 2N with reasoning; $1 per token, 5 tokens a call. */
function answer(req: ChatRequestInfo): MockReply {
  const text = req.lastUserText;
  const usage = { prompt_tokens: 3, completion_tokens: 2 };
  const topics = /^List (\d+) diverse topics/m.exec(text);
  if (topics) {
    return { content: JSON.stringify(['algebra', 'geometry', 'ratios'].slice(0, Number(topics[1]))), usage };
  }
  const inputs = /^Write (\d+) diverse.*about the topic "(.+)"/m.exec(text);
  if (inputs) {
    const list = Array.from({ length: Number(inputs[1]) }, (_, i) => `q:${inputs[2]}-${i}`);
    return { content: `Here they are:\n${JSON.stringify(list)}`, usage };
  }
  const n = Number(text.replace(/^q:/, ''));
  return {
    content: Number.isNaN(n) ? `answer to ${text}` : String(n * 2),
    reasoning: `double ${text}`,
    usage,
  };
}

async function session(config: Partial<DistilleryConfigInput> = {}, maxRetries = 2): Promise<Session> {
  const ctx = createContext({ cwd: dir });
  const parsed = DistilleryConfigSchema.parse({
    tasks: [
      {
        id: 'double',
        name: 'Double it',
        instruction: 'Double the number.',
        thinkingInstruction: 'Think first.',
        runConfigs: [
          { name: 'teacher', provider: 'mock', model: 'teacher', flow: 'reasoning' },
          { name: 'cot', provider: 'mock', model: 'teacher', flow: 'cot' },
        ],
      },
    ],
    ...config,
  });
  const plugins = await loadPlugins(ctx, {
    config: parsed,
    resolveFrom: path.join(dir, 'distill.config.ts'),
    builtins: [
      { value: flows, packageName: '@distillery/flows' },
      { value: httpProvider({ baseURL: server.openaiBaseURL, maxRetries }), packageName: 'fixture' },
    ],
  });
  return { ctx, config: { file: undefined, dir, config: parsed }, plugins };
}

const numbers = (n: number, from = 1) => Array.from({ length: n }, (_, i) => `q:${i + from}`);
const chats = () => server.requests.filter((r) => r.path === '/v1/chat/completions');
const sentInputs = () =>
  chats().map((r) => {
    const messages = (r.body as { messages: { role: string; content: string }[] }).messages;
    return messages.filter((m) => m.role === 'user')[0]!.content;
  });

async function generate(options: Partial<GenerateSamplesOptions>, s?: Session) {
  return generateSamples(s ?? (await session()), store, { taskId: 'double', ...options });
}

describe('generateSamples', () => {
  it('answers every input once, with reasoning, provenance, usage and cost; a re-run sends nothing', async () => {
    const first = await generate({ source: { type: 'inputs', inputs: numbers(12) }, concurrency: 4 });
    expect(first).toMatchObject({
      generated: 12,
      failed: 0,
      planned: 12,
      stopReason: 'done',
      complete: true,
    });
    expect(first.costUsd).toBe(60);
    expect(first.usage).toEqual({ inputTokens: 36, outputTokens: 24 });
    const { samples } = await store.query({ limit: 100 });
    expect(samples).toHaveLength(12);
    const s7 = samples.find((s) => s.input === 'q:7')!;
    expect(s7.output.content).toBe('14');
    expect(s7.reasoning).toEqual({ text: 'double q:7', origin: 'model-field', truncated: false });
    expect(s7.source).toMatchObject({ type: 'synthetic', runConfig: { name: 'teacher', model: 'teacher' } });
    expect(s7.trace).toEqual([{ role: 'system', content: 'Double the number.\n\nThink first.' }]);
    expect(s7.callTrace).toEqual([
      { role: 'system', content: 'Double the number.\n\nThink first.' },
      { role: 'user', content: 'q:7' },
      expect.objectContaining({ role: 'assistant', content: '14', reasoning: 'double q:7' }),
    ]);
    expect(s7.tags).toEqual(['synthetic', `generation:${first.jobId}`]);
    expect(s7).toMatchObject({
      costUsd: 5,
      finishReason: 'stop',
      usage: { inputTokens: 3, outputTokens: 2 },
    });
    expect(s7.latencyMs).toBeGreaterThanOrEqual(0);
    expect(new Set(sentInputs()).size).toBe(12);

    const again = await generate({ source: { type: 'inputs', inputs: numbers(12) } });
    expect(again).toMatchObject({
      generated: 0,
      skippedExisting: 12,
      totalGenerated: 12,
      jobId: first.jobId,
    });
    expect(chats()).toHaveLength(12);
  });

  it('the chain-of-thought flow yields reasoning from its thinking turn', async () => {
    const out = await generate({ runConfig: 'cot', source: { type: 'inputs', inputs: ['q:2'] } });
    expect(out.generated).toBe(1);
    const [sample] = (await store.query()).samples;
    expect(sample!.reasoning?.origin).toBe('cot-turn');
    expect(chats()).toHaveLength(2);
    expect(sample!.usage).toEqual({ inputTokens: 6, outputTokens: 4 });
  });

  it('--count is the generation total: a second run after a partial one makes up the difference', async () => {
    const source = { type: 'inputs' as const, inputs: numbers(20) };
    const first = await generate({ source, count: 5, concurrency: 3 });
    expect(first).toMatchObject({ generated: 5, stopReason: 'count-reached', complete: true });
    expect((await generate({ source, count: 5 })).generated).toBe(0);
    const more = await generate({ source, count: 8 });
    expect(more).toMatchObject({ generated: 3, totalGenerated: 8 });
    expect(await store.count()).toBe(8);
    expect(new Set(sentInputs()).size).toBe(8);
    expect(chats()).toHaveLength(8);
  });

  it('generates a repeated input once, or once per position with allowDuplicates (still resumable)', async () => {
    const inputs = ['q:1', 'q:2', 'q:1', 'q:1'];
    expect((await generate({ source: { type: 'inputs', inputs } })).generated).toBe(2);
    const dup = await generate({
      runConfig: 'cot',
      source: { type: 'inputs', inputs },
      allowDuplicates: true,
    });
    expect(dup.generated).toBe(4);
    const resumed = await generate({
      runConfig: 'cot',
      source: { type: 'inputs', inputs },
      allowDuplicates: true,
    });
    expect(resumed.generated).toBe(0);
    expect(await store.count()).toBe(6);
  });

  it('stops launching at the budget and reports it; in-flight samples are kept', async () => {
    const out = await generate({
      source: { type: 'inputs', inputs: numbers(10) },
      concurrency: 1,
      maxCostUsd: 17,
    });
    expect(out).toMatchObject({ generated: 3, costUsd: 15, stopReason: 'budget', complete: false });
    expect(chats()).toHaveLength(3);
    const two = await generate({
      source: { type: 'inputs', inputs: numbers(10) },
      concurrency: 2,
      maxCostUsd: 12,
    });
    expect(two.generated).toBe(2);
    expect(two.costUsd).toBeLessThanOrEqual(12);
  });

  it('refuses a budget for a model without a price', async () => {
    const s = await session({
      tasks: [
        {
          id: 'double',
          name: 'D',
          instruction: 'x',
          runConfigs: [{ name: 'free', provider: 'mock', model: 'unpriced', flow: 'single' }],
        },
      ],
    });
    await expect(
      generateSamples(s, store, {
        taskId: 'double',
        source: { type: 'inputs', inputs: ['a'] },
        maxCostUsd: 1,
      }),
    ).rejects.toThrow('--max-cost needs the price of unpriced');
  });

  it('records a failure after the provider retries, skips it on re-runs, and retryFailed generates it', async () => {
    let broken = true;
    server.onChat((req) =>
      broken && req.lastUserText === 'q:3'
        ? { status: 503, errorBody: { error: { message: 'overloaded' } } }
        : answer(req),
    );
    const first = await generate({ source: { type: 'inputs', inputs: numbers(5) } });
    expect(first).toMatchObject({ generated: 4, failed: 1 });
    expect(first.failures).toEqual([{ input: 'q:3', reason: expect.stringContaining('503'), attempts: 3 }]);
    const records = await store.listRecords(GENERATION_FAILURE_KIND, GenerationFailureSchema);
    expect(records).toHaveLength(1);
    expect(records[0]!.value).toMatchObject({
      input: 'q:3',
      kind: 'server',
      status: 503,
      attempts: 3,
      failures: 1,
      runConfig: 'teacher',
      jobId: first.jobId,
    });
    expect(sentInputs().filter((i) => i === 'q:3')).toHaveLength(3);

    const rerun = await generate({ source: { type: 'inputs', inputs: numbers(5) } });
    expect(rerun).toMatchObject({ generated: 0, skippedFailed: 1, skippedExisting: 4 });

    const stillBroken = await generate({ retryFailed: true });
    expect(stillBroken).toMatchObject({ generated: 0, failed: 1 });
    expect(
      (await store.listRecords(GENERATION_FAILURE_KIND, GenerationFailureSchema))[0]!.value.failures,
    ).toBe(2);

    broken = false;
    const retried = await generate({ retryFailed: true });
    expect(retried).toMatchObject({ generated: 1, failed: 0 });
    expect(await store.listRecords(GENERATION_FAILURE_KIND)).toHaveLength(0);
    const sample = (await store.query({ filter: { text: 'q:3' } })).samples[0]!;
    expect(sample.tags).toContain(`generation:${first.jobId}`);
    expect(await store.count()).toBe(5);
  });

  it('stops the run on an error every input would hit (bad key) instead of recording each', async () => {
    server.onChat(() => ({ status: 401 }));
    await expect(generate({ source: { type: 'inputs', inputs: numbers(6) } })).rejects.toThrow('HTTP 401');
    expect(await store.listRecords(GENERATION_FAILURE_KIND)).toHaveLength(0);
  });

  it('keeps requests under the requests-per-minute limit (checked on the mock log timestamps)', async () => {
    const rpm = 1200; // 20 a second, burst 20
    const out = await generate({
      source: { type: 'inputs', inputs: numbers(45) },
      concurrency: 45,
      requestsPerMinute: rpm,
    });
    expect(out.generated).toBe(45);
    const at = chats()
      .map((r) => r.at)
      .sort((a, b) => a - b);
    const perMs = rpm / 60_000;
    for (let i = 0; i < at.length; i++) {
      for (let j = i + 1; j < at.length; j++) {
        // j - i + 1 requests arrived within at[j] - at[i]: never more than the burst plus the refill (+1 for clock skew).
        expect(j - i + 1).toBeLessThanOrEqual(20 + (at[j]! - at[i]!) * perMs + 1);
      }
    }
  });

  it('keeps tokens under the tokens-per-minute limit, correcting estimates with reported usage', async () => {
    server.onChat((req) => ({
      content: 'x',
      usage: { prompt_tokens: 250, completion_tokens: 250 },
      model: req.model,
    }));
    const tpm = 120_000; // 2,000 a second, burst 2,000
    const out = await generate({
      source: { type: 'inputs', inputs: numbers(14) },
      concurrency: 2,
      tokensPerMinute: tpm,
    });
    expect(out.generated).toBe(14);
    const at = chats()
      .map((r) => r.at)
      .sort((a, b) => a - b);
    // 7,000 tokens at 2,000/s from a 2,000 burst; at most 2 requests in flight can be under-estimated by 500 each.
    const minimumSpanMs = ((14 * 500 - 2000 - 2 * 500 - 500) / 2000) * 1000;
    expect(at.at(-1)! - at[0]!).toBeGreaterThanOrEqual(minimumSpanMs);
  });

  it('writes a topic tree as a record, generates its inputs, and a re-run reuses the whole tree', async () => {
    const source = { type: 'topics' as const, topics: 2, perTopic: 3 };
    const out = await generate({ source, concurrency: 2 });
    expect(out).toMatchObject({ generated: 6, inputs: 6, topicCostUsd: 15, costUsd: 45 });
    const trees = await store.listRecords(TOPIC_TREE_KIND);
    expect(trees).toHaveLength(1);
    expect(trees[0]!.value).toMatchObject({ root: ['algebra', 'geometry'], calls: 3 });
    const inputs = (await store.query({ limit: 10 })).samples.map((s) => s.input).sort();
    expect(inputs).toEqual([
      'q:algebra-0',
      'q:algebra-1',
      'q:algebra-2',
      'q:geometry-0',
      'q:geometry-1',
      'q:geometry-2',
    ]);
    const before = chats().length;
    const again = await generate({ source, count: 6 });
    expect(again).toMatchObject({ generated: 0, topicCostUsd: 0 });
    expect(chats()).toHaveLength(before);
  });

  it('finishes a half-written tree without paying again for the parts it has', async () => {
    server.onChat((req) => (req.lastUserText.includes('"geometry"') ? { status: 500 } : answer(req)));
    const source = { type: 'topics' as const, topics: 2, subtopics: 0, perTopic: 2 };
    await expect(generate({ source }, await session({}, 0))).rejects.toThrow('HTTP 500');
    expect(chats()).toHaveLength(3); // topics, algebra inputs, geometry inputs (failed)
    server.onChat(answer);
    server.requests.length = 0;
    const out = await generate({ source });
    expect(out.generated).toBe(4);
    const asked = sentInputs();
    expect(asked.filter((t) => t.includes('List 2 diverse topics'))).toHaveLength(0);
    const written = asked.filter((t) => t.includes('Write 2 diverse'));
    expect(written).toHaveLength(1);
    expect(written[0]).toContain('about the topic "geometry"');
    expect(chats()).toHaveLength(5); // only the geometry inputs, then 4 answers
  });

  it('an abort abandons in-flight calls and writes nothing partial; the next run finishes the rest', async () => {
    server.onChat((req) => ({ ...answer(req), delayMs: 40 }));
    const controller = new AbortController();
    let seen = 0;
    const out = await generateSamples(
      await session(),
      store,
      { taskId: 'double', source: { type: 'inputs', inputs: numbers(30) }, concurrency: 3 },
      {
        signal: controller.signal,
        onProgress: (p) => {
          if (p.generated >= 4 && seen++ === 0) controller.abort();
        },
      },
    );
    expect(out.stopReason).toBe('interrupted');
    expect(out.generated).toBeGreaterThanOrEqual(4);
    expect(out.generated).toBeLessThan(30);
    expect(await store.count()).toBe(out.generated);
    const rest = await generate({ source: { type: 'inputs', inputs: numbers(30) }, resume: true });
    expect(rest.generated).toBe(30 - out.generated);
    const resumed = await generate({ resume: true }).catch((e: Error) => e.message);
    expect(resumed).toContain('no unfinished generation');
  });
});
