import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { parseSse } from '../parse-sse';
import { failOnSpecViolations } from '../spec/fail-on-spec-violations';
import { type MockServer, startMockServer } from '../start-mock-server';

failOnSpecViolations();

let server: MockServer;
const KEY = { authorization: 'Bearer sk-test', 'content-type': 'application/json' };

beforeEach(async () => {
  server ??= await startMockServer();
  server.reset();
});
afterAll(async () => {
  await server?.close();
});

async function post(body: unknown, headers: Record<string, string> = KEY): Promise<Response> {
  return fetch(`${server.openaiBaseURL}/chat/completions`, {
    method: 'POST',
    headers,
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

// biome-ignore lint/suspicious/noExplicitAny: wire JSON under test
type Json = any;

async function streamChunks(body: unknown): Promise<{ chunks: Json[]; done: boolean; raw: string }> {
  const res = await post({ ...(body as object), stream: true });
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/);
  const raw = await res.text();
  const events = parseSse(raw);
  const done = events.at(-1)?.data === '[DONE]';
  const chunks = events.filter((e) => e.data !== '[DONE]').map((e) => JSON.parse(e.data));
  return { chunks, done, raw };
}

const user = (content: string) => [{ role: 'user', content }];

describe('POST /v1/chat/completions (JSON)', () => {
  it('echoes the last user message by default, with derived usage', async () => {
    const res = await post({
      model: 'gpt-4o-mini',
      messages: [{ role: 'system', content: 'be brief' }, ...user('hello there')],
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('x-request-id')).toMatch(/^req_/);
    const json: Json = await res.json();
    expect(json.object).toBe('chat.completion');
    expect(json.id).toMatch(/^chatcmpl-/);
    expect(json.model).toBe('gpt-4o-mini');
    expect(json.choices[0].message).toMatchObject({
      role: 'assistant',
      content: 'Mock answer to: hello there',
    });
    expect(json.choices[0].message).not.toHaveProperty('reasoning_content');
    expect(json.choices[0].finish_reason).toBe('stop');
    const content = 'Mock answer to: hello there';
    expect(json.usage.completion_tokens).toBe(Math.ceil(content.length / 4));
    expect(json.usage.total_tokens).toBe(json.usage.prompt_tokens + json.usage.completion_tokens);
    expect(json.usage.completion_tokens_details.reasoning_tokens).toBe(0);
  });

  it('serves scripted replies in FIFO order across calls, then falls back to onChat', async () => {
    server.reply({ content: 'first' }, { content: 'second', model: 'served-model' });
    server.onChat((req) => ({ content: `dynamic ${req.model} ${req.lastUserText}` }));
    const a: Json = await (await post({ model: 'm', messages: user('x') })).json();
    const b: Json = await (await post({ model: 'm', messages: user('y') })).json();
    const c: Json = await (await post({ model: 'm', messages: user('z') })).json();
    expect([
      a.choices[0].message.content,
      b.choices[0].message.content,
      c.choices[0].message.content,
    ]).toEqual(['first', 'second', 'dynamic m z']);
    expect(b.model).toBe('served-model');
  });

  it('puts reasoning in reasoning_content by default, in reasoning for Together-style requests', async () => {
    server.reply({ content: 'A', reasoning: 'R1' }, { content: 'B', reasoning: 'R2' });
    const plain: Json = await (await post({ model: 'm', messages: user('q') })).json();
    expect(plain.choices[0].message.reasoning_content).toBe('R1');
    expect(plain.choices[0].message).not.toHaveProperty('reasoning');
    const together: Json = await (
      await post({
        model: 'm',
        messages: user('q'),
        reasoning: { enabled: true },
        chat_template_kwargs: { thinking: true },
      })
    ).json();
    expect(together.choices[0].message.reasoning).toBe('R2');
    expect(together.choices[0].message).not.toHaveProperty('reasoning_content');
  });

  it('honours reasoningField both/none, reasoning_details, usage and finish reason overrides', async () => {
    server.reply(
      {
        content: 'A',
        reasoning: 'R',
        reasoningField: 'both',
        reasoningDetails: [{ type: 'reasoning.text', text: 'R' }],
        usage: { prompt_tokens: 11, completion_tokens: 22, reasoning_tokens: 7 },
        finishReason: 'eos',
      },
      {
        content: '<think>R</think>A',
        reasoning: 'ignored',
        reasoningField: 'none',
        finishReason: 'max_tokens',
      },
    );
    const a: Json = await (await post({ model: 'm', messages: user('q') })).json();
    expect(a.choices[0].message).toMatchObject({
      reasoning: 'R',
      reasoning_content: 'R',
      reasoning_details: [{ type: 'reasoning.text', text: 'R' }],
    });
    expect(a.choices[0].finish_reason).toBe('eos');
    expect(a.usage).toMatchObject({ prompt_tokens: 11, completion_tokens: 22, total_tokens: 33 });
    expect(a.usage.completion_tokens_details.reasoning_tokens).toBe(7);
    const b: Json = await (await post({ model: 'm', messages: user('q') })).json();
    expect(b.choices[0].message.content).toBe('<think>R</think>A');
    expect(b.choices[0].message).not.toHaveProperty('reasoning');
    expect(b.choices[0].message).not.toHaveProperty('reasoning_content');
    expect(b.choices[0].finish_reason).toBe('length');
  });

  it('returns tool calls with null content and finish_reason tool_calls', async () => {
    server.reply({ toolCall: { name: 'answer', arguments: '{"value":42}' } });
    const json: Json = await (await post({ model: 'm', messages: user('q') })).json();
    const msg = json.choices[0].message;
    expect(msg.content).toBeNull();
    expect(msg.tool_calls).toEqual([
      {
        id: expect.stringMatching(/^call_/),
        type: 'function',
        function: { name: 'answer', arguments: '{"value":42}' },
      },
    ]);
    expect(json.choices[0].finish_reason).toBe('tool_calls');
  });

  it('answers scripted errors with the given body or OpenAI’s shape', async () => {
    const body = { error: { message: 'custom', type: 'invalid_request_error', param: 'x', code: 'bad' } };
    server.reply({ status: 400, errorBody: body }, { status: 503 });
    const a = await post({ model: 'm', messages: user('q') });
    expect(a.status).toBe(400);
    expect(await a.json()).toEqual(body);
    const b = await post({ model: 'm', messages: user('q') });
    expect(b.status).toBe(503);
    expect(await b.json()).toEqual({
      error: { message: 'Mock error 503', type: 'server_error', param: null, code: null },
    });
  });
});

describe('POST /v1/chat/completions (validation and auth)', () => {
  const cases: [string, unknown, number, Json][] = [
    [
      'missing model',
      { messages: user('q') },
      400,
      { message: 'you must provide a model parameter', param: null },
    ],
    ['missing messages', { model: 'm' }, 400, { param: 'messages', code: 'missing_required_parameter' }],
    ['empty messages', { model: 'm', messages: [] }, 400, { param: 'messages', code: 'empty_array' }],
    [
      'bad role',
      { model: 'm', messages: [{ role: 'robot', content: 'x' }] },
      400,
      { param: 'messages[0].role', code: 'invalid_value' },
    ],
    ['missing role', { model: 'm', messages: [{ content: 'x' }] }, 400, { param: 'messages[0].role' }],
    [
      'bad content',
      { model: 'm', messages: [{ role: 'user', content: 5 }] },
      400,
      { param: 'messages[0].content', code: 'invalid_type' },
    ],
    [
      'tool without id',
      { model: 'm', messages: [...user('q'), { role: 'tool', content: 'r' }] },
      400,
      { param: 'messages[1].tool_call_id' },
    ],
    [
      'temperature',
      { model: 'm', messages: user('q'), temperature: 3 },
      400,
      { param: 'temperature', code: 'decimal_above_max_value' },
    ],
    [
      'stream_options w/o stream',
      { model: 'm', messages: user('q'), stream_options: { include_usage: true } },
      400,
      { param: 'stream_options' },
    ],
    ['unknown model', { model: 'unknown-model', messages: user('q') }, 404, { code: 'model_not_found' }],
    ['missing* model', { model: 'missing/thing', messages: user('q') }, 404, { code: 'model_not_found' }],
  ];
  it.each(cases)('%s', async (_name, body, status, error) => {
    const res = await post(body);
    expect(res.status).toBe(status);
    const json: Json = await res.json();
    expect(Object.keys(json.error).sort()).toEqual(['code', 'message', 'param', 'type']);
    expect(json.error).toMatchObject({ type: 'invalid_request_error', ...error });
    expect(server.takeViolations().map((v) => v.message)).toEqual(status === 400 ? [json.error.message] : []);
  });

  it('rejects a body that is not JSON', async () => {
    const res = await post('{"model":');
    expect(res.status).toBe(400);
    expect(server.takeViolations()).toHaveLength(1);
    expect(((await res.json()) as Json).error.message).toMatch(/could not parse the JSON body/);
  });

  it('requires a bearer key and rejects bad-key and invalid* keys', async () => {
    const missing = await post({ model: 'm', messages: user('q') }, { 'content-type': 'application/json' });
    expect(missing.status).toBe(401);
    expect(((await missing.json()) as Json).error.message).toMatch(/You didn't provide an API key/);
    const empty = await post(
      { model: 'm', messages: user('q') },
      { authorization: 'Bearer ', 'content-type': 'application/json' },
    );
    expect(empty.status).toBe(401);
    const xApiKey = await post(
      { model: 'm', messages: user('q') },
      { 'x-api-key': 'sk-ok', 'content-type': 'application/json' },
    );
    expect(xApiKey.status).toBe(401);
    for (const key of ['bad-key', 'invalid-123']) {
      const res = await post({ model: 'm', messages: user('q') }, { authorization: `Bearer ${key}` });
      expect(res.status).toBe(401);
      const json: Json = await res.json();
      expect(json.error).toMatchObject({ code: 'invalid_api_key', type: 'invalid_request_error' });
      expect(json.error.message).toContain(`Incorrect API key provided: ${key}`);
    }
    const ok = await post({ model: 'm', messages: user('q') }, { authorization: 'bearer sk-lower' });
    expect(ok.status).toBe(200);
  });

  it('auth is checked before validation, validation before the model lookup', async () => {
    expect((await post({ model: 'unknown-model' }, { authorization: 'Bearer bad-key' })).status).toBe(401);
    expect((await post({ model: 'unknown-model' })).status).toBe(400);
    expect(server.takeViolations().map((v) => v.message)).toEqual([
      "Missing required parameter: 'messages'.",
    ]);
  });
});

describe('POST /v1/chat/completions (SSE)', () => {
  it('streams role, reasoning, content, finish and [DONE] in order', async () => {
    server.reply({ content: 'Hello world', reasoning: 'Let me think', chunkSize: 4 });
    const { chunks, done } = await streamChunks({ model: 'm', messages: user('q') });
    expect(done).toBe(true);
    expect(chunks.every((c) => c.object === 'chat.completion.chunk' && c.id === chunks[0].id)).toBe(true);
    expect(chunks[0].choices[0].delta).toEqual({ role: 'assistant', content: '' });
    const deltas = chunks.map((c) => c.choices[0].delta);
    expect(deltas.filter((d) => 'reasoning_content' in d).map((d) => d.reasoning_content)).toEqual([
      'Let ',
      'me t',
      'hink',
    ]);
    expect(deltas.filter((d) => d.content).map((d) => d.content)).toEqual(['Hell', 'o wo', 'rld']);
    const lastReasoning = deltas.findLastIndex((d) => 'reasoning_content' in d);
    const firstContent = deltas.findIndex((d) => d.content);
    expect(lastReasoning).toBeLessThan(firstContent);
    expect(chunks.at(-1).choices[0]).toMatchObject({ delta: {}, finish_reason: 'stop' });
    expect(chunks.slice(0, -1).every((c) => c.choices[0].finish_reason === null)).toBe(true);
    expect(chunks.every((c) => !('usage' in c))).toBe(true);
  });

  it('streams delta.reasoning for Together requests and a usage chunk with include_usage', async () => {
    server.reply({ content: 'ok', reasoning: 'abc', chunkSize: 1, finishReason: 'eos' });
    const { chunks } = await streamChunks({
      model: 'm',
      messages: user('q'),
      reasoning: { enabled: true },
      stream_options: { include_usage: true },
    });
    const deltas = chunks.map((c) => c.choices[0]?.delta);
    expect(deltas.filter((d) => d && 'reasoning' in d).map((d) => d.reasoning)).toEqual(['a', 'b', 'c']);
    const usageChunk = chunks.at(-1);
    expect(usageChunk.choices).toEqual([]);
    expect(usageChunk.usage).toMatchObject({
      completion_tokens: 2,
      completion_tokens_details: { reasoning_tokens: 1 },
    });
    expect(chunks.slice(0, -1).every((c) => c.usage === null)).toBe(true);
    expect(chunks.at(-2).choices[0].finish_reason).toBe('eos');
  });

  it('streams 1-character chunks that reassemble to the exact text', async () => {
    const text = 'héllo 👋 wörld — 日本語';
    server.reply({ content: text, chunkSize: 1 });
    const { chunks } = await streamChunks({ model: 'm', messages: user('q') });
    const pieces = chunks.map((c) => c.choices[0].delta.content).filter((p) => p);
    expect(pieces).toHaveLength(Array.from(text).length);
    expect(pieces.join('')).toBe(text);
    expect(pieces).toContain('👋');
  });

  it('splits mid-surrogate with splitMode code-unit (lone surrogates escaped in JSON)', async () => {
    server.reply({ content: 'a👋b', chunkSize: 2, splitMode: 'code-unit' });
    const { chunks, raw } = await streamChunks({ model: 'm', messages: user('q') });
    const pieces = chunks.map((c) => c.choices[0].delta.content).filter((p) => p);
    expect(pieces).toEqual(['a\ud83d', '\udc4bb']);
    expect(raw).toContain('\\ud83d');
    expect(pieces.join('')).toBe('a👋b');
  });

  it('writes the SSE bytes in small pieces with byteChunkSize, splitting UTF-8 sequences', async () => {
    const text = '日本語の文章 👋';
    server.reply({ content: text, chunkSize: 3, byteChunkSize: 1 });
    const res = await post({ model: 'm', messages: user('q'), stream: true });
    const reader = res.body!.getReader();
    const reads: Uint8Array[] = [];
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      reads.push(value);
    }
    expect(reads.length).toBeGreaterThan(10);
    const joined = new TextDecoder().decode(Buffer.concat(reads));
    const content = parseSse(joined)
      .filter((e) => e.data !== '[DONE]')
      .map((e) => JSON.parse(e.data).choices[0].delta.content ?? '')
      .join('');
    expect(content).toBe(text);
  });

  it('streams tool-call arguments in pieces under one index', async () => {
    server.reply({ toolCall: { name: 'answer', arguments: '{"value":42}' }, chunkSize: 5 });
    const { chunks } = await streamChunks({ model: 'm', messages: user('q') });
    const calls = chunks.flatMap((c) => c.choices[0].delta.tool_calls ?? []);
    expect(calls[0]).toMatchObject({
      index: 0,
      type: 'function',
      function: { name: 'answer', arguments: '' },
    });
    expect(calls.map((c) => c.function.arguments).join('')).toBe('{"value":42}');
    expect(chunks.at(-1).choices[0].finish_reason).toBe('tool_calls');
  });

  it('streams each reasoning_details element as its own delta', async () => {
    const details = [
      { type: 'reasoning.text', text: 'a' },
      { type: 'reasoning.encrypted', data: 'xyz' },
    ];
    server.reply({ content: 'ok', reasoning: 'a', reasoningField: 'reasoning', reasoningDetails: details });
    const { chunks } = await streamChunks({ model: 'm', messages: user('q') });
    expect(chunks.flatMap((c) => c.choices[0].delta.reasoning_details ?? [])).toEqual(details);
  });

  it('honours delayMs between chunks', async () => {
    server.reply({ content: 'abcd', chunkSize: 1, delayMs: 30 });
    const started = Date.now();
    await streamChunks({ model: 'm', messages: user('q') });
    // role + 4 content + finish + [DONE] = 7 events, each delayed.
    expect(Date.now() - started).toBeGreaterThanOrEqual(7 * 30 - 10);
  });
});
