import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { parseSse } from '../parse-sse';
import { failOnSpecViolations } from '../spec/fail-on-spec-violations';
import { type MockServer, startMockServer } from '../start-mock-server';

failOnSpecViolations();

let server: MockServer;
beforeAll(async () => {
  server = await startMockServer();
});
beforeEach(() => server.reset());
afterAll(() => server.close());

// biome-ignore lint/suspicious/noExplicitAny: wire JSON under test
type Json = any;

const HEADERS = {
  'x-api-key': 'sk-ant-test',
  'anthropic-version': '2023-06-01',
  'content-type': 'application/json',
};
const base = {
  model: 'claude-sonnet-4-5',
  max_tokens: 4096,
  messages: [{ role: 'user', content: 'Why is the sky blue?' }],
};
const thinking = { type: 'enabled', budget_tokens: 2048 };

function post(body: unknown, headers: Record<string, string> = HEADERS): Promise<Response> {
  return fetch(`${server.anthropicBaseURL}/v1/messages`, {
    method: 'POST',
    headers,
    body: JSON.stringify(body),
  });
}

async function events(body: unknown): Promise<{ event: string; data: Json }[]> {
  const res = await post({ ...(body as object), stream: true });
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/);
  return parseSse(await res.text()).map((e) => ({ event: e.event ?? '', data: JSON.parse(e.data) }));
}

describe('POST /v1/messages (JSON)', () => {
  it('returns a message with the default echo and derived usage', async () => {
    const res = await post(base);
    expect(res.status).toBe(200);
    expect(res.headers.get('request-id')).toMatch(/^req_/);
    const msg: Json = await res.json();
    expect(msg).toMatchObject({
      type: 'message',
      role: 'assistant',
      model: 'claude-sonnet-4-5',
      content: [{ type: 'text', text: 'Mock answer to: Why is the sky blue?' }],
      stop_reason: 'end_turn',
      stop_sequence: null,
    });
    expect(msg.id).toMatch(/^msg_/);
    expect(msg.usage.output_tokens).toBe(Math.ceil('Mock answer to: Why is the sky blue?'.length / 4));
    expect(msg.usage.input_tokens).toBeGreaterThan(0);
  });

  it('adds a default thinking block when thinking is enabled', async () => {
    const msg: Json = await (await post({ ...base, thinking })).json();
    expect(msg.content.map((b: Json) => b.type)).toEqual(['thinking', 'text']);
    expect(msg.content[0].thinking).toBe('Thinking about: Why is the sky blue?');
    expect(msg.content[0].signature).toMatch(/^[A-Za-z0-9+/=]{16,}$/);
  });

  it('renders scripted thinking, signature, redacted thinking and usage', async () => {
    server.reply({
      content: 'Rayleigh scattering.',
      reasoning: 'Short wavelengths scatter more.',
      thinkingSignature: 'sig-123',
      redactedThinking: 'EncryptedBlob==',
      usage: { prompt_tokens: 12, completion_tokens: 40, reasoning_tokens: 30 },
      finishReason: 'length',
    });
    const msg: Json = await (await post({ ...base, thinking })).json();
    expect(msg.content).toEqual([
      { type: 'thinking', thinking: 'Short wavelengths scatter more.', signature: 'sig-123' },
      { type: 'redacted_thinking', data: 'EncryptedBlob==' },
      { type: 'text', text: 'Rayleigh scattering.' },
    ]);
    expect(msg.stop_reason).toBe('max_tokens');
    expect(msg.usage).toMatchObject({
      input_tokens: 12,
      output_tokens: 40,
      output_tokens_details: { thinking_tokens: 30 },
    });
  });

  it('omits thinking text (keeping the signature) when display is omitted', async () => {
    server.reply({ content: 'x', reasoning: 'secret', thinkingSignature: 's' });
    const msg: Json = await (await post({ ...base, thinking: { ...thinking, display: 'omitted' } })).json();
    expect(msg.content[0]).toEqual({ type: 'thinking', thinking: '', signature: 's' });
  });

  it('returns tool_use blocks with parsed input and stop_reason tool_use', async () => {
    server.reply({ toolCall: { name: 'answer', arguments: '{"value":42}' } });
    const msg: Json = await (await post(base)).json();
    expect(msg.content).toEqual([
      { type: 'tool_use', id: expect.stringMatching(/^toolu_/), name: 'answer', input: { value: 42 } },
    ]);
    expect(msg.stop_reason).toBe('tool_use');
  });
});

describe('POST /v1/messages (auth and validation)', () => {
  it('accepts x-api-key or Bearer with any anthropic-version, and requires the version', async () => {
    expect((await post(base)).status).toBe(200);
    const bearer = await post(base, { authorization: 'Bearer sk-ant', 'anthropic-version': '2026-10-21' });
    expect(bearer.status).toBe(200);
    const noVersion = await post(base, { 'x-api-key': 'sk-ant' });
    expect(noVersion.status).toBe(400);
    expect(await noVersion.json()).toMatchObject({
      type: 'error',
      error: { type: 'invalid_request_error', message: 'anthropic-version: header is required' },
    });
    expect(server.takeViolations().map((v) => v.message)).toEqual(['anthropic-version: header is required']);
  });

  it('answers 401 authentication_error for a missing or bad key', async () => {
    const missing = await post(base, { 'anthropic-version': '2023-06-01' });
    expect(missing.status).toBe(401);
    expect(await missing.json()).toMatchObject({ type: 'error', error: { type: 'authentication_error' } });
    for (const key of ['bad-key', 'invalid-x']) {
      const res = await post(base, { 'x-api-key': key, 'anthropic-version': '2023-06-01' });
      expect(res.status).toBe(401);
      const json: Json = await res.json();
      expect(json).toEqual({
        type: 'error',
        error: { type: 'authentication_error', message: 'invalid x-api-key' },
        request_id: expect.stringMatching(/^req_/),
      });
    }
  });

  const cases: [string, unknown, number, string, RegExp][] = [
    [
      'missing max_tokens',
      { model: 'c', messages: base.messages },
      400,
      'invalid_request_error',
      /^max_tokens: Field required/,
    ],
    [
      'missing model',
      { max_tokens: 10, messages: base.messages },
      400,
      'invalid_request_error',
      /^model: Field required/,
    ],
    [
      'missing messages',
      { model: 'c', max_tokens: 10 },
      400,
      'invalid_request_error',
      /^messages: Field required/,
    ],
    [
      'system role',
      { ...base, messages: [{ role: 'system', content: 's' }] },
      400,
      'invalid_request_error',
      /top-level `system`/,
    ],
    [
      'bad role',
      { ...base, messages: [{ role: 'tool', content: 's' }] },
      400,
      'invalid_request_error',
      /messages\.0\.role/,
    ],
    [
      'budget < 1024',
      { ...base, thinking: { type: 'enabled', budget_tokens: 1000 } },
      400,
      'invalid_request_error',
      /greater than or equal to 1024/,
    ],
    [
      'budget >= max_tokens',
      { ...base, max_tokens: 2048, thinking },
      400,
      'invalid_request_error',
      /`max_tokens` must be greater than `thinking.budget_tokens`/,
    ],
    [
      'budget missing',
      { ...base, thinking: { type: 'enabled' } },
      400,
      'invalid_request_error',
      /budget_tokens: Field required/,
    ],
    [
      'thinking + temperature',
      { ...base, thinking, temperature: 0.5 },
      400,
      'invalid_request_error',
      /`temperature` may only be set to 1/,
    ],
    ['unknown model', { ...base, model: 'unknown-model' }, 404, 'not_found_error', /^model: unknown-model$/],
  ];
  it.each(cases)('%s', async (_name, body, status, type, message) => {
    const res = await post(body);
    expect(res.status).toBe(status);
    const json: Json = await res.json();
    expect(json.type).toBe('error');
    expect(json.error.type).toBe(type);
    expect(json.error.message).toMatch(message);
    expect(server.takeViolations().map((v) => v.message)).toEqual(status === 400 ? [json.error.message] : []);
  });

  it('accepts adaptive thinking on the models that take it, and disabled thinking', async () => {
    const adaptive = { type: 'adaptive', display: 'summarized' };
    expect((await post({ ...base, model: 'claude-sonnet-4-6', thinking: adaptive })).status).toBe(200);
    expect((await post({ ...base, thinking: { type: 'disabled' } })).status).toBe(200);
    expect(server.takeViolations()).toEqual([]);
    const older = await post({ ...base, model: 'claude-sonnet-4-5', thinking: adaptive });
    expect(older.status).toBe(400);
    expect(server.takeViolations().map((v) => v.message)).toEqual([
      ((await older.json()) as Json).error.message,
    ]);
  });

  it('refuses unknown top-level fields and unknown thinking types (Anthropic: "Extra inputs are not permitted")', async () => {
    const extra = await post({ ...base, foo: 1 });
    expect(extra.status).toBe(400);
    expect(((await extra.json()) as Json).error.message).toBe('foo: Extra inputs are not permitted');
    const sometimes = await post({ ...base, thinking: { type: 'sometimes' } });
    expect(sometimes.status).toBe(400);
    expect(server.takeViolations().map((v) => v.message)).toEqual([
      'foo: Extra inputs are not permitted',
      expect.stringContaining("Input tag 'sometimes'"),
    ]);
  });

  it('uses Anthropic error shapes for faults: 429 rate_limit_error and 529 overloaded_error', async () => {
    server.fault({ type: 'rate-limit', retryAfterSeconds: 3 }, { type: 'server-error', status: 529 });
    const limited = await post(base);
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('3');
    expect(((await limited.json()) as Json).error.type).toBe('rate_limit_error');
    const overloaded = await post(base);
    expect(overloaded.status).toBe(529);
    expect(((await overloaded.json()) as Json).error).toEqual({
      type: 'overloaded_error',
      message: 'Overloaded',
    });
  });
});

describe('POST /v1/messages (SSE)', () => {
  it('streams the event sequence of extended thinking', async () => {
    server.reply({
      content: 'Blue light.',
      reasoning: 'Think 🤔 now',
      thinkingSignature: 'sig-xyz',
      chunkSize: 4,
    });
    const list = await events({ ...base, thinking });
    expect(list.every((e) => e.event === e.data.type)).toBe(true);
    expect(
      list.map((e) => (e.event === 'content_block_delta' ? `delta:${e.data.delta.type}` : e.event)),
    ).toEqual([
      'message_start',
      'content_block_start',
      'ping',
      'delta:thinking_delta',
      'delta:thinking_delta',
      'delta:thinking_delta',
      'delta:signature_delta',
      'content_block_stop',
      'content_block_start',
      'delta:text_delta',
      'delta:text_delta',
      'delta:text_delta',
      'content_block_stop',
      'message_delta',
      'message_stop',
    ]);
    const start = list[0]!.data.message;
    expect(start).toMatchObject({
      role: 'assistant',
      content: [],
      stop_reason: null,
      model: 'claude-sonnet-4-5',
    });
    expect(list[1]!.data).toEqual({
      type: 'content_block_start',
      index: 0,
      content_block: { type: 'thinking', thinking: '', signature: '' },
    });
    const thinkingText = list
      .filter((e) => e.data.delta?.type === 'thinking_delta')
      .map((e) => e.data.delta.thinking)
      .join('');
    expect(thinkingText).toBe('Think 🤔 now');
    expect(list.find((e) => e.data.delta?.type === 'signature_delta')!.data.delta.signature).toBe('sig-xyz');
    const text = list
      .filter((e) => e.data.delta?.type === 'text_delta')
      .map((e) => {
        expect(e.data.index).toBe(1);
        return e.data.delta.text;
      })
      .join('');
    expect(text).toBe('Blue light.');
    const delta = list.find((e) => e.event === 'message_delta')!.data;
    expect(delta.delta).toEqual({ stop_reason: 'end_turn', stop_sequence: null });
    expect(delta.usage.output_tokens).toBeGreaterThan(0);
  });

  it('streams redacted_thinking as a start/stop pair and tool_use as input_json_delta', async () => {
    server.reply({
      redactedThinking: 'R==',
      toolCall: { name: 'lookup', arguments: '{"q":"sky"}' },
      chunkSize: 3,
    });
    const list = await events(base);
    const starts = list.filter((e) => e.event === 'content_block_start').map((e) => e.data.content_block);
    expect(starts).toEqual([
      { type: 'redacted_thinking', data: 'R==' },
      { type: 'tool_use', id: expect.stringMatching(/^toolu_/), name: 'lookup', input: {} },
    ]);
    const json = list
      .filter((e) => e.data.delta?.type === 'input_json_delta')
      .map((e) => e.data.delta.partial_json)
      .join('');
    expect(json).toBe('{"q":"sky"}');
    expect(list.find((e) => e.event === 'message_delta')!.data.delta.stop_reason).toBe('tool_use');
  });

  it('a cut stream ends without message_stop', async () => {
    server.reply({ content: 'abcdefgh', chunkSize: 1 }).fault({ type: 'cut-stream', afterChunks: 5 });
    const res = await post({ ...base, stream: true });
    expect(res.status).toBe(200);
    const error = await res.text().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
  });

  it('a cut stream longer than the stream withholds only message_stop', async () => {
    server.fault({ type: 'cut-stream', afterChunks: 1000, mode: 'end' });
    const list = parseSse(await (await post({ ...base, stream: true })).text());
    expect(list.at(-1)!.event).toBe('message_delta');
    expect(list.some((e) => e.event === 'message_stop')).toBe(false);
  });

  it('a cleanly ended cut stream delivers exactly N events and no message_stop', async () => {
    server.fault({ type: 'cut-stream', afterChunks: 4, mode: 'end' });
    const res = await post({ ...base, stream: true });
    const list = parseSse(await res.text());
    expect(list.map((e) => e.event)).toEqual([
      'message_start',
      'content_block_start',
      'ping',
      'content_block_delta',
    ]);
  });
});
