import { type BatchResultV1, type ChatRequest, type ModelBatchV1, ProviderError } from '@distillery/core';
import { type MockServer, startMockServer } from '@distillery/testkit';
import { failOnSpecViolations } from '@distillery/testkit/vitest';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createOpenAIProvider } from './index';

failOnSpecViolations();

let server: MockServer;
beforeAll(async () => {
  server = await startMockServer();
});
beforeEach(() => server.reset());
afterAll(() => server.close());

const provider = () =>
  createOpenAIProvider({
    apiKey: 'sk-test',
    baseURL: server.openaiBaseURL,
    env: {},
    retry: { initialDelayMs: 1, maxDelayMs: 5 },
  });
function batchApi(): ModelBatchV1 {
  const batch = provider().batch;
  if (!batch) throw new Error('the OpenAI provider has no batch capability');
  return batch;
}

/** A final call of the chain-of-thought flow: structured output and reasoning effort, as sent directly. */
const structured = (text: string): ChatRequest => ({
  model: 'o4-mini',
  messages: [
    { role: 'system', content: 'Answer with JSON.' },
    { role: 'user', content: text },
  ],
  parameters: { reasoningEffort: 'low', maxTokens: 512 },
  structuredOutput: {
    mode: 'json_schema',
    name: 'answer',
    schema: { type: 'object', properties: { answer: { type: 'number' } }, required: ['answer'] },
  },
});

async function all(results: AsyncIterable<BatchResultV1>): Promise<BatchResultV1[]> {
  const out: BatchResultV1[] = [];
  for await (const r of results) out.push(r);
  return out.sort((a, b) => a.customId.localeCompare(b.customId));
}

/** The JSONL lines of the input file the mock received. */
function inputLines(): Record<string, unknown>[] {
  const file = server.files.list().find((f) => f.purpose === 'batch');
  if (!file?.content) throw new Error('no batch input file was uploaded');
  return file.content
    .toString('utf8')
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => JSON.parse(l) as Record<string, unknown>);
}

describe('the OpenAI Batch API through the openai SDK', () => {
  it('sends each request as the direct call sends it, in a line the strict mock accepts, and reads the results', async () => {
    server.onChat((req) => ({ content: `{"answer": ${req.lastUserText.length}}` }));
    await provider().chat(structured('two plus two'));
    const direct = server.requests.find((r) => r.path === '/v1/chat/completions')?.body;
    const api = batchApi();
    const submitted = await api.submit({
      model: 'o4-mini',
      requests: [
        { customId: 'd0a0-one', request: structured('two plus two') },
        { customId: 'd0a0-two', request: structured('three') },
      ],
      metadata: { distillery_batch: 'db-1' },
    });
    expect(submitted).toMatchObject({ status: 'validating', metadata: { distillery_batch: 'db-1' } });
    const create = server.requests.find((r) => r.method === 'POST' && r.path === '/v1/batches');
    expect(create?.body).toEqual({
      input_file_id: submitted.inputId,
      endpoint: '/v1/chat/completions',
      completion_window: '24h',
      metadata: { distillery_batch: 'db-1' },
    });
    const [first] = inputLines();
    expect(first).toEqual({
      custom_id: 'd0a0-one',
      method: 'POST',
      url: '/v1/chat/completions',
      body: direct,
    });
    expect(first?.body).toMatchObject({
      reasoning_effort: 'low',
      response_format: { type: 'json_schema', json_schema: { name: 'answer', strict: true } },
    });
    let info = await api.get(submitted.id);
    while (!['completed', 'failed', 'expired', 'cancelled'].includes(info.status))
      info = await api.get(submitted.id);
    expect(info).toMatchObject({ status: 'completed', counts: { total: 2, succeeded: 2, failed: 0 } });
    expect(info.endedAt).toBeDefined();
    const results = await all(api.results(info));
    expect(results.map((r) => [r.customId, r.type])).toEqual([
      ['d0a0-one', 'succeeded'],
      ['d0a0-two', 'succeeded'],
    ]);
    const one = results[0]!;
    if (one.type !== 'succeeded') throw new Error('expected a success');
    expect(JSON.parse(api.read(structured('two plus two'), one.body).content)).toEqual({ answer: 12 });
  });

  it('never streams a line, even when the provider options ask for it', async () => {
    const api = batchApi();
    await api.submit({
      model: 'gpt-4o-mini',
      requests: [
        {
          customId: 'c-1',
          request: {
            model: 'gpt-4o-mini',
            messages: [{ role: 'user', content: 'hi' }],
            providerOptions: { stream: true, stream_options: { include_usage: true } },
          },
        },
      ],
      metadata: {},
    });
    const [line] = inputLines();
    expect(line?.body).not.toHaveProperty('stream');
    expect(line?.body).not.toHaveProperty('stream_options');
  });

  it.each([
    [
      'a metadata value over 512 characters',
      { note: 'x'.repeat(513) },
      'metadata value of note is 513 characters',
    ],
    [
      'more than 16 metadata pairs',
      Object.fromEntries(Array.from({ length: 17 }, (_, i) => [`k${i}`, 'v'])),
      'metadata has 17 pairs',
    ],
  ])('refuses %s before uploading anything', async (_what, metadata, reason) => {
    const error = await batchApi()
      .submit({
        model: 'gpt-4o-mini',
        requests: [
          { customId: 'c-1', request: { model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'q' }] } },
        ],
        metadata,
      })
      .catch((e: unknown) => e);
    expect(ProviderError.isInstance(error)).toBe(true);
    expect((error as Error).message).toContain(reason);
    expect(server.requests).toEqual([]);
  });

  it('calls a batch reported completed with answers but no output file an error, not an empty success', async () => {
    // What users report (kaapi-backend#723): completed, two answered, output_file_id null.
    server.route('GET', '/v1/batches/:id', (ctx) => ({
      body: {
        id: ctx.params.id,
        object: 'batch',
        endpoint: '/v1/chat/completions',
        errors: null,
        input_file_id: 'file-abc123',
        completion_window: '24h',
        status: 'completed',
        output_file_id: null,
        error_file_id: null,
        created_at: 1711471533,
        in_progress_at: 1711471538,
        expires_at: 1711557933,
        finalizing_at: 1711493133,
        completed_at: 1711493163,
        failed_at: null,
        expired_at: null,
        cancelling_at: null,
        cancelled_at: null,
        request_counts: { total: 2, completed: 2, failed: 0 },
        metadata: null,
      },
    }));
    const api = batchApi();
    const info = await api.get('batch_abc123');
    expect(info.status).toBe('completed');
    const error = await all(api.results(info)).catch((e: unknown) => e);
    expect(ProviderError.isInstance(error)).toBe(true);
    expect((error as Error).message).toContain('completed 2 requests but gave no output file');
  });

  it('reads a batch as the live API sends it, with null for what has not happened yet', async () => {
    // The spec's own example of a new batch: every time not reached yet, and the files, are null.
    server.route('GET', '/v1/batches/:id', (ctx) => ({
      body: {
        id: ctx.params.id,
        object: 'batch',
        endpoint: '/v1/chat/completions',
        errors: null,
        input_file_id: 'file-abc123',
        completion_window: '24h',
        status: 'validating',
        output_file_id: null,
        error_file_id: null,
        created_at: 1711471533,
        in_progress_at: null,
        expires_at: null,
        finalizing_at: null,
        completed_at: null,
        failed_at: null,
        expired_at: null,
        cancelling_at: null,
        cancelled_at: null,
        request_counts: { total: 0, completed: 0, failed: 0 },
        metadata: null,
      },
    }));
    const info = await batchApi().get('batch_abc123');
    expect(info).toMatchObject({ status: 'validating', createdAt: '2024-03-26T16:45:33.000Z' });
    expect(info.endedAt).toBeUndefined();
    expect(info.expiresAt).toBeUndefined();
    expect(info.errors).toBeUndefined();
    expect(info.metadata).toBeUndefined();
  });
});
