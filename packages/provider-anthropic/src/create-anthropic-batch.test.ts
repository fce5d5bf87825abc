import Anthropic from '@anthropic-ai/sdk';
import type { BatchResultV1, ModelBatchV1 } from '@distillery/core';
import { ProviderError } from '@distillery/core';
import { type MockServer, startMockServer } from '@distillery/testkit';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createAnthropicProvider } from './index';

let server: MockServer;
beforeAll(async () => {
  server = await startMockServer();
});
beforeEach(() => server.reset());
afterAll(() => server.close());

function batchApi(): ModelBatchV1 {
  const batch = createAnthropicProvider({
    env: { ANTHROPIC_API_KEY: 'sk-ant-test', ANTHROPIC_BASE_URL: server.anthropicBaseURL },
    retry: { initialDelayMs: 1, maxDelayMs: 5 },
  }).batch;
  if (!batch) throw new Error('the Anthropic provider has no batch capability');
  return batch;
}
const request = (customId: string, text: string) => ({
  customId,
  request: {
    model: 'claude-sonnet-4-5',
    messages: [{ role: 'user' as const, content: text }],
    parameters: { thinking: false, maxTokens: 256 },
  },
});
async function all(results: AsyncIterable<BatchResultV1>): Promise<BatchResultV1[]> {
  const out: BatchResultV1[] = [];
  for await (const r of results) out.push(r);
  return out.sort((a, b) => a.customId.localeCompare(b.customId));
}

describe('Anthropic Message Batches through @anthropic-ai/sdk', () => {
  it('submits, polls to the end and reads every kind of result line', async () => {
    server.onChat((req) =>
      req.lastUserText === 'bad' ? { status: 400 } : { content: `echo ${req.lastUserText}` },
    );
    server.batches.configure({ expireAfterAnswering: 2 });
    const api = batchApi();
    const submitted = await api.submit({
      model: 'claude-sonnet-4-5',
      requests: [request('a-1', 'one'), request('b-2', 'bad'), request('c-3', 'three')],
      metadata: { distillery_batch: 'db-1' },
    });
    expect(submitted).toMatchObject({
      status: 'running',
      rawStatus: 'in_progress',
      counts: { total: 3, succeeded: 0 },
    });
    expect(submitted.id).toMatch(/^msgbatch_/);
    let info = await api.get(submitted.id);
    while (info.rawStatus !== 'ended') info = await api.get(submitted.id);
    expect(info).toMatchObject({ status: 'expired', counts: { total: 3, succeeded: 1, failed: 2 } });
    const results = await all(api.results(info));
    expect(results.map((r) => [r.customId, r.type])).toEqual([
      ['a-1', 'succeeded'],
      ['b-2', 'errored'],
      ['c-3', 'expired'],
    ]);
    const first = results[0]!;
    if (first.type !== 'succeeded') throw new Error('expected a success');
    expect(api.read(request('a-1', 'one').request, first.body).content).toBe('echo one');
    expect(server.violations).toEqual([]);
  });

  it('prices from the catalog per model, and knows no price for an unlisted one', () => {
    const api = batchApi();
    expect(api.pricing('claude-opus-4-6', undefined)).toEqual({
      inputPerMillion: 2.5,
      outputPerMillion: 12.5,
    });
    expect(api.pricing('claude-haiku-4-5', undefined)).toEqual({
      inputPerMillion: 0.5,
      outputPerMillion: 2.5,
    });
    expect(api.pricing('claude-unknown-9', { inputPerMillion: 1, outputPerMillion: 1 })).toBeUndefined();
  });

  it('finds a batch whose id was lost by its time and size, skipping the ones already recorded', async () => {
    const api = batchApi();
    const submittedAt = new Date().toISOString();
    const a = await api.submit({ model: 'claude-sonnet-4-5', requests: [request('x-1', 'a')], metadata: {} });
    await api.submit({
      model: 'claude-sonnet-4-5',
      requests: [request('z-1', 'c'), request('z-2', 'd')],
      metadata: {},
    });
    const trace = { metadata: {}, submittedAt, requests: 1 };
    expect((await api.find(trace))?.id).toBe(a.id);
    expect(await api.find({ ...trace, knownIds: [a.id] })).toBeUndefined();
    expect((await api.list({ limit: 1 })).map((x) => x.id)).toHaveLength(1);
  });

  it('refuses to guess between running batches of the same size, and tells them apart by custom id once ended', async () => {
    const api = batchApi();
    const submittedAt = new Date().toISOString();
    const a = await api.submit({ model: 'claude-sonnet-4-5', requests: [request('x-1', 'a')], metadata: {} });
    const b = await api.submit({ model: 'claude-sonnet-4-5', requests: [request('y-1', 'b')], metadata: {} });
    const trace = { metadata: {}, submittedAt, requests: 1, customIds: ['y-1'] };
    const refused = await api.find(trace).catch((e: unknown) => e);
    expect(ProviderError.isInstance(refused)).toBe(true);
    expect((refused as Error).message).toContain(`${a.id}`);
    expect((refused as Error).message).toContain(`${b.id}`);
    expect((refused as Error).message).toContain('Run the command again once they have ended');
    for (const id of [a.id, b.id]) while ((await api.get(id)).rawStatus !== 'ended');
    expect((await api.find(trace))?.id).toBe(b.id);
    expect((await api.find({ ...trace, customIds: ['x-1'] }))?.id).toBe(a.id);
    // Both ended and neither holds these requests: the submission never reached Anthropic.
    expect(await api.find({ ...trace, customIds: ['w-1'] })).toBeUndefined();
    // One of them still running and the other ruled out by its results: the running one is taken.
    const c = await api.submit({ model: 'claude-sonnet-4-5', requests: [request('v-1', 'c')], metadata: {} });
    expect((await api.find({ ...trace, customIds: ['v-1'], knownIds: [b.id] }))?.id).toBe(c.id);
  });

  it('cancels: the batch ends cancelled, its unanswered requests come back canceled', async () => {
    const api = batchApi();
    const submitted = await api.submit({
      model: 'claude-sonnet-4-5',
      requests: [request('c-1', 'one')],
      metadata: {},
    });
    expect((await api.cancel(submitted.id)).status).toBe('cancelling');
    const ended = await api.get(submitted.id);
    expect(ended.status).toBe('cancelled');
    expect(await all(api.results(ended))).toMatchObject([{ customId: 'c-1', type: 'cancelled' }]);
  });

  it('refuses before sending what the API would refuse (custom ids, duplicates, mixed models), naming it', async () => {
    const api = batchApi();
    for (const [requests, reason] of [
      [[request('x'.repeat(65), 'q')], 'not 1 to 64 characters of [A-Za-z0-9_-]'],
      [[request('has space', 'q')], 'not 1 to 64 characters of [A-Za-z0-9_-]'],
      [[request('same', 'q'), request('same', 'r')], 'custom id same is used twice'],
      [
        [
          request('m-1', 'q'),
          { ...request('m-2', 'r'), request: { ...request('m-2', 'r').request, model: 'claude-haiku-4-5' } },
        ],
        'a batch holds one model',
      ],
    ] as const) {
      const error = await api
        .submit({ model: 'claude-sonnet-4-5', requests, metadata: {} })
        .catch((e: unknown) => e);
      expect(ProviderError.isInstance(error)).toBe(true);
      expect((error as Error).message).toContain(reason);
    }
    expect(server.requests.filter((r) => r.path.startsWith('/v1/messages/batches'))).toEqual([]);
  });

  it('has a mock as strict as the API: a bad custom id, a duplicate or a streamed request is a 400 naming it', async () => {
    const client = new Anthropic({ apiKey: 'sk-ant-test', baseURL: server.anthropicBaseURL, maxRetries: 0 });
    const params = {
      model: 'claude-sonnet-4-5',
      max_tokens: 64,
      messages: [{ role: 'user' as const, content: 'q' }],
    };
    for (const [requests, reason] of [
      [
        [{ custom_id: 'x'.repeat(65), params }],
        'requests.0.custom_id: String should have at most 64 characters',
      ],
      [
        [{ custom_id: 'has space', params }],
        "requests.0.custom_id: String should match pattern '^[a-zA-Z0-9_-]{1,64}$'",
      ],
      [
        [
          { custom_id: 'same', params },
          { custom_id: 'same', params },
        ],
        'requests.1.custom_id: Duplicate',
      ],
      [[{ custom_id: 'z-1', params: { ...params, max_tokens: 0 } }], 'requests.0.params.max_tokens'],
    ] as const) {
      const error = await client.messages.batches
        .create({ requests: [...requests] })
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(Anthropic.BadRequestError);
      expect((error as Error).message).toContain(reason);
      expect(server.takeViolations().map((v) => v.message)).toEqual([expect.stringContaining(reason)]);
    }
    expect(server.batches.list()).toHaveLength(0);
  });
});
