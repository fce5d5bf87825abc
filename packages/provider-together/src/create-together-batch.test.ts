import { type BatchResultV1, type ChatRequest, type ModelBatchV1, ProviderError } from '@distillery/core';
import { type MockServer, startMockServer } from '@distillery/testkit';
import { failOnSpecViolations } from '@distillery/testkit/vitest';
import Together from 'together-ai';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTogetherProvider } from './index';

failOnSpecViolations();

let server: MockServer;
beforeAll(async () => {
  server = await startMockServer({ flavor: 'together' });
});
beforeEach(() => server.reset());
afterAll(() => server.close());

const KEY = 'tgp_v1_test';
const provider = () =>
  createTogetherProvider({
    env: { TOGETHER_API_KEY: KEY, TOGETHER_BASE_URL: server.togetherBaseURL },
    retry: { initialDelayMs: 1, maxDelayMs: 5 },
  });
function batchApi(): ModelBatchV1 {
  const batch = provider().batch;
  if (!batch) throw new Error('the Together provider has no batch capability');
  return batch;
}
const MODEL = 'Qwen/Qwen3-8B';
const ask = (text: string): ChatRequest => ({
  model: MODEL,
  messages: [{ role: 'user', content: text }],
  parameters: { thinking: true, maxTokens: 256 },
  structuredOutput: { mode: 'json_object' },
});
async function all(results: AsyncIterable<BatchResultV1>): Promise<BatchResultV1[]> {
  const out: BatchResultV1[] = [];
  for await (const r of results) out.push(r);
  return out.sort((a, b) => a.customId.localeCompare(b.customId));
}

describe("Together's batch API through together-ai", () => {
  it('uploads {custom_id, body} lines as batch-api, each body as the direct call sends it, and reads the results', async () => {
    server.onChat(() => ({ content: '{"ok": true}' }));
    await provider().chat(ask('one'));
    const direct = server.requests.find((r) => r.path === '/v1/chat/completions')?.body;
    const api = batchApi();
    const submitted = await api.submit({
      model: MODEL,
      requests: [
        { customId: 'd0a0-one', request: ask('one') },
        { customId: 'd0a0-two', request: ask('two') },
      ],
      metadata: { distillery_batch: 'db-1' },
    });
    const file = server.files.get(submitted.inputId ?? '');
    expect(file?.purpose).toBe('batch-api');
    const lines = (file?.content?.toString('utf8') ?? '')
      .split('\n')
      .filter((l) => l !== '')
      .map((l) => JSON.parse(l) as unknown);
    expect(lines[0]).toEqual({ custom_id: 'd0a0-one', body: direct });
    const create = server.requests.find((r) => r.method === 'POST' && r.path === '/v1/batches');
    expect(create?.body).toEqual({
      endpoint: '/v1/chat/completions',
      input_file_id: submitted.inputId,
      completion_window: '24h',
      model_id: MODEL,
    });
    let info = await api.get(submitted.id);
    while (!['completed', 'failed', 'expired', 'cancelled'].includes(info.status))
      info = await api.get(submitted.id);
    expect(info.status).toBe('completed');
    expect((await all(api.results(info))).map((r) => [r.customId, r.type])).toEqual([
      ['d0a0-one', 'succeeded'],
      ['d0a0-two', 'succeeded'],
    ]);
  });

  it('refuses a custom id Together would refuse before uploading anything', async () => {
    const error = await batchApi()
      .submit({ model: MODEL, requests: [{ customId: 'has space', request: ask('q') }], metadata: {} })
      .catch((e: unknown) => e);
    expect(ProviderError.isInstance(error)).toBe(true);
    expect((error as Error).message).toContain('not 1 to 64 characters of [A-Za-z0-9_-]');
    expect(server.requests).toEqual([]);
  });

  it('has a mock as strict as the API: a bad line fails the batch in validation, with Together-shaped errors', async () => {
    const client = new Together({ apiKey: KEY, baseURL: server.togetherBaseURL, maxRetries: 0 });
    const body = { model: MODEL, messages: [{ role: 'user', content: 'q' }] };
    for (const [content, reason] of [
      [`${JSON.stringify({ custom_id: 'has space', body })}\n`, 'line 1: custom_id must be 1-64 characters'],
      [
        `${JSON.stringify({ custom_id: 'a', body })}\n${JSON.stringify({ custom_id: 'a', body })}\n`,
        'line 2: Duplicate custom_id a',
      ],
      [`${JSON.stringify({ custom_id: 'a', body })}\n{"custom_id":\n`, 'line 2: Line is not valid JSON'],
    ] as const) {
      // The file is put in place directly: the route under test is the batch create.
      const file = server.files.add({ filename: 'input.jsonl', purpose: 'batch-api', content });
      const created = await client.batches.create({
        endpoint: '/v1/chat/completions',
        input_file_id: file.id,
      });
      expect(created.job?.status).toBe('VALIDATING');
      const failed = await client.batches.retrieve(created.job?.id ?? '');
      expect(failed.status).toBe('FAILED');
      expect(failed.error).toContain(reason);
      expect(server.takeViolations().map((v) => v.message)).toEqual([expect.stringContaining(reason)]);
    }
    const missing = await client.batches
      .retrieve('00000000-0000-0000-0000-000000000000')
      .catch((e: unknown) => e);
    expect(missing).toBeInstanceOf(Together.NotFoundError);
    expect((missing as { error?: unknown }).error).toEqual({ error: expect.stringContaining('not found') });
  });
});
