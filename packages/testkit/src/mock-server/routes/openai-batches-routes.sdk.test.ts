import OpenAI, { BadRequestError } from 'openai';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { failOnSpecViolations } from '../spec/fail-on-spec-violations';
import { type MockServer, startMockServer } from '../start-mock-server';

failOnSpecViolations();

let server: MockServer;
let client: OpenAI;

beforeAll(async () => {
  server = await startMockServer();
  client = new OpenAI({ apiKey: 'sk-test', baseURL: server.openaiBaseURL, maxRetries: 0 });
});
beforeEach(() => server.reset());
afterAll(() => server.close());

const line = (customId: string, body: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
  JSON.stringify({ custom_id: customId, method: 'POST', url: '/v1/chat/completions', body, ...extra });
const chat = (text: string, model = 'gpt-4o-mini') => ({
  model,
  messages: [{ role: 'user', content: text }],
  max_completion_tokens: 64,
});

async function createBatch(
  lines: string[],
  metadata?: Record<string, string>,
): Promise<OpenAI.Batches.Batch> {
  const file = await client.files.create({
    file: new File([`${lines.join('\n')}\n`], 'input.jsonl', { type: 'application/jsonl' }),
    purpose: 'batch',
  });
  return client.batches.create({
    input_file_id: file.id,
    endpoint: '/v1/chat/completions',
    completion_window: '24h',
    ...(metadata ? { metadata } : {}),
  });
}

/** Polls until the batch leaves validating/in progress. */
async function ended(id: string): Promise<OpenAI.Batches.Batch> {
  for (;;) {
    const batch = await client.batches.retrieve(id);
    if (!['validating', 'in_progress', 'finalizing', 'cancelling'].includes(batch.status)) return batch;
  }
}

async function fileLines(id: string | null | undefined): Promise<Record<string, unknown>[]> {
  if (!id) return [];
  const text = await (await client.files.content(id)).text();
  return text
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as Record<string, unknown>);
}

describe('the mock OpenAI Batch API, as strict as the real one', () => {
  it('runs a well-formed file, answering every line, with spec-valid batch objects and lists', async () => {
    // An empty list has no first_id/last_id (the spec types them as strings, never null).
    expect((await client.batches.list()).data).toEqual([]);
    const batch = await createBatch([line('r-1', chat('one')), line('r-2', chat('two'))], {
      distillery_batch: 'db-1',
    });
    expect(batch).toMatchObject({ status: 'validating', endpoint: '/v1/chat/completions' });
    const done = await ended(batch.id);
    expect(done).toMatchObject({
      status: 'completed',
      request_counts: { total: 2, completed: 2, failed: 0 },
    });
    const out = await fileLines(done.output_file_id);
    expect(out.map((l) => l.custom_id).sort()).toEqual(['r-1', 'r-2']);
    expect((await client.batches.list()).data.map((b) => b.id)).toEqual([batch.id]);
    // Every response above was checked against the spec (`validateResponses` is on under vitest).
    expect(server.violations).toEqual([]);
  });

  it.each([
    ['a line that is not JSON', [line('r-1', chat('one')), '{"custom_id": "r-2",'], 'invalid_json_line', 2],
    [
      'a line without custom_id',
      [line('r-1', chat('one')), JSON.stringify({ method: 'POST' })],
      'missing_required_parameter',
      2,
    ],
    ['a duplicate custom_id', [line('r-1', chat('one')), line('r-1', chat('two'))], 'duplicate_custom_id', 2],
    [
      'mixed models in one file',
      [line('r-1', chat('one')), line('r-2', chat('two', 'gpt-4o'))],
      'model_mismatch',
      2,
    ],
    ['a line for another endpoint', [line('r-1', chat('one'), { url: '/v1/responses' })], 'url_mismatch', 1],
    ['a line with GET', [line('r-1', chat('one'), { method: 'GET' })], 'invalid_method', 1],
    [
      'a line with params instead of body',
      [JSON.stringify({ custom_id: 'r-1', method: 'POST', url: '/v1/chat/completions', params: chat('x') })],
      'missing_required_parameter',
      1,
    ],
    ['a streamed line', [line('r-1', { ...chat('one'), stream: true })], 'invalid_request', 1],
  ])(
    'fails the batch in validation for %s, naming the line, and records the violation',
    async (_what, lines, code, at) => {
      const batch = await createBatch(lines);
      expect(batch.status).toBe('validating');
      const failed = await ended(batch.id);
      expect(failed.status).toBe('failed');
      expect(failed.errors?.data).toEqual([expect.objectContaining({ code, line: at })]);
      expect(failed.request_counts).toEqual({ total: 0, completed: 0, failed: 0 });
      const violations = server.takeViolations();
      expect(violations.map((v) => v.part)).toEqual(['rule']);
      expect(violations[0]?.message).toContain(`line ${at}: ${code}`);
    },
  );

  it('fails only the request whose body the chat endpoint refuses, with a 400 in the error file', async () => {
    const batch = await createBatch([
      line('ok-1', chat('one')),
      line('bad-1', { ...chat('two'), temprature: 0.2 }),
    ]);
    const done = await ended(batch.id);
    expect(done).toMatchObject({
      status: 'completed',
      request_counts: { total: 2, completed: 1, failed: 1 },
    });
    const [error] = await fileLines(done.error_file_id);
    expect(error).toMatchObject({
      custom_id: 'bad-1',
      response: { status_code: 400, body: { error: { message: expect.stringContaining('temprature') } } },
    });
    const violations = server.takeViolations();
    expect(violations).toHaveLength(1);
    expect(violations[0]?.message).toContain('line 2 (custom_id bad-1)');
  });

  it.each([
    ['a value over 512 characters', { note: 'x'.repeat(513) }, "Invalid 'metadata.note': string too long"],
    ['a key over 64 characters', { ['k'.repeat(65)]: 'v' }, "Invalid 'metadata': key"],
    [
      '17 pairs',
      Object.fromEntries(Array.from({ length: 17 }, (_, i) => [`k${i}`, 'v'])),
      'at most 16 properties',
    ],
  ])('refuses metadata with %s (400, nothing created)', async (_what, metadata, message) => {
    const error = await createBatch([line('r-1', chat('one'))], metadata).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BadRequestError);
    expect((error as BadRequestError).message).toContain(message);
    expect(server.batches.list()).toEqual([]);
    expect(server.takeViolations().map((v) => v.message)).toEqual([expect.stringContaining(message)]);
  });

  it.each([
    ['a completion window other than 24h', { completion_window: '48h' }, 'completion_window'],
    ['an unknown field', { completion_window: '24h', priority: 1 }, 'priority'],
    ['a metadata value that is not a string', { completion_window: '24h', metadata: { n: 1 } }, 'metadata'],
  ])('refuses a create body with %s by the spec, before anything runs', async (_what, fields, param) => {
    const file = await client.files.create({
      file: new File([`${line('r-1', chat('one'))}\n`], 'input.jsonl'),
      purpose: 'batch',
    });
    // Sent raw (the SDK's types would not let these through); the User-Agent says it is OpenAI's client.
    const bad = await fetch(`${server.openaiBaseURL}/batches`, {
      method: 'POST',
      headers: {
        authorization: 'Bearer sk-test',
        'content-type': 'application/json',
        'user-agent': 'OpenAI/JS 7.57.0',
      },
      body: JSON.stringify({ input_file_id: file.id, endpoint: '/v1/chat/completions', ...fields }),
    });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { param: string } }).error.param).toContain(param);
    expect(server.takeViolations().map((v) => v.part)).toEqual(['body']);
    expect(server.batches.list()).toEqual([]);
  });
});
