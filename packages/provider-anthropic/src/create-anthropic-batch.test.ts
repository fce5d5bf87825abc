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
    const b = await api.submit({ model: 'claude-sonnet-4-5', requests: [request('y-1', 'b')], metadata: {} });
    await api.submit({
      model: 'claude-sonnet-4-5',
      requests: [request('z-1', 'c'), request('z-2', 'd')],
      metadata: {},
    });
    const trace = { metadata: {}, submittedAt, requests: 1 };
    expect((await api.find(trace))?.id).toBe(a.id);
    expect((await api.find({ ...trace, knownIds: [a.id] }))?.id).toBe(b.id);
    expect(await api.find({ ...trace, knownIds: [a.id, b.id] })).toBeUndefined();
    expect((await api.list({ limit: 2 })).map((x) => x.id)).toHaveLength(2);
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

  it('is refused by the strict mock for what the API refuses (custom ids, duplicates), with the reason', async () => {
    const api = batchApi();
    for (const [ids, reason] of [
      [['x'.repeat(65)], 'requests.0.custom_id: String should have at most 64 characters'],
      [['has space'], "requests.0.custom_id: String should match pattern '^[a-zA-Z0-9_-]{1,64}$'"],
      [['same', 'same'], 'requests.1.custom_id: Duplicate'],
    ] as const) {
      const error = await api
        .submit({ model: 'claude-sonnet-4-5', requests: ids.map((id) => request(id, 'q')), metadata: {} })
        .catch((e: unknown) => e);
      expect(ProviderError.isInstance(error)).toBe(true);
      expect((error as ProviderError).status).toBe(400);
      expect((error as Error).message).toContain(reason);
    }
    expect(server.batches.list()).toHaveLength(0);
  });
});
