import { request } from 'node:http';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { parseSse } from './parse-sse';
import { failOnSpecViolations } from './spec/fail-on-spec-violations';
import { type MockServer, startMockServer } from './start-mock-server';

failOnSpecViolations();

let server: MockServer;
beforeAll(async () => {
  server = await startMockServer();
});
beforeEach(() => server.reset());
afterAll(() => server.close());

// biome-ignore lint/suspicious/noExplicitAny: wire JSON under test
type Json = any;

const chatBody = { model: 'm', messages: [{ role: 'user', content: 'hi' }] };
const AUTH = { authorization: 'Bearer sk-test', 'content-type': 'application/json' };

function chat(body: unknown = chatBody, path = '/v1/chat/completions'): Promise<Response> {
  return fetch(server.url + path, { method: 'POST', headers: AUTH, body: JSON.stringify(body) });
}

describe('startMockServer', () => {
  it('binds to 127.0.0.1 and exposes the base URLs', () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(server.url).toBe(`http://127.0.0.1:${server.port}`);
    expect(server.openaiBaseURL).toBe(`${server.url}/v1`);
    expect(server.togetherBaseURL).toBe(`${server.url}/v1`);
    expect(server.anthropicBaseURL).toBe(server.url);
  });

  it('listens on a requested port and refuses connections after close()', async () => {
    const probe = await startMockServer();
    const port = probe.port;
    await probe.close();
    const fixed = await startMockServer({ port });
    expect(fixed.port).toBe(port);
    expect((await fetch(`${fixed.url}/v1/models`, { headers: AUTH })).status).toBe(200);
    await fixed.close();
    await expect(fetch(`${fixed.url}/v1/models`, { headers: AUTH })).rejects.toThrow();
  });

  it('logs every request with method, path, query, lower-cased headers, parsed body and time', async () => {
    const before = Date.now();
    await fetch(`${server.url}/v1/chat/completions?trace=1&x=y`, {
      method: 'POST',
      headers: {
        Authorization: 'Bearer sk-test',
        'Content-Type': 'application/json',
        'X-Custom-Header': 'Value',
      },
      body: JSON.stringify(chatBody),
    });
    await fetch(`${server.url}/v1/unknown`, { method: 'POST', headers: AUTH, body: 'plain text' });
    expect(server.requests).toHaveLength(2);
    const [first, second] = server.requests;
    expect(first).toMatchObject({
      method: 'POST',
      path: '/v1/chat/completions',
      query: { trace: '1', x: 'y' },
      body: chatBody,
    });
    expect(first!.headers['x-custom-header']).toBe('Value');
    expect(first!.headers.authorization).toBe('Bearer sk-test');
    expect(first!.at).toBeGreaterThanOrEqual(before);
    expect(second!.body).toBe('plain text');
  });

  it('reset() clears replies, faults, the handler and the log, keeping the same array', async () => {
    const log = server.requests;
    server
      .reply({ content: 'scripted' })
      .fault({ type: 'server-error' })
      .onChat(() => ({ content: 'handler' }));
    await fetch(`${server.url}/v1/models`, { headers: AUTH });
    server.reset();
    expect(log).toHaveLength(0);
    expect(server.pendingReplies).toHaveLength(0);
    expect(server.pendingFaults).toHaveLength(0);
    const json: Json = await (await chat()).json();
    expect(json.choices[0].message.content).toBe('Mock answer to: hi');
    expect(server.requests).toBe(log);
  });

  it('answers unknown routes with 404 and wrong methods with 405 in OpenAI shape', async () => {
    const notFound = await fetch(`${server.url}/v1/nope`, { headers: AUTH });
    expect(notFound.status).toBe(404);
    expect(((await notFound.json()) as Json).error.message).toBe('Invalid URL (GET /v1/nope)');
    const wrong = await fetch(`${server.url}/v1/chat/completions`, { headers: AUTH });
    expect(wrong.status).toBe(405);
  });

  it('lists models in OpenAI, Anthropic (by anthropic-version) and Together (flavor) shapes', async () => {
    const openai: Json = await (await fetch(`${server.url}/v1/models`, { headers: AUTH })).json();
    expect(openai.object).toBe('list');
    expect(openai.data.map((m: Json) => m.id)).toEqual([...server.models]);
    const anthropic: Json = await (
      await fetch(`${server.url}/v1/models`, {
        headers: { 'x-api-key': 'k', 'anthropic-version': '2023-06-01' },
      })
    ).json();
    expect(anthropic).toMatchObject({ has_more: false, first_id: server.models[0] });
    expect(anthropic.data[0].type).toBe('model');
    const together = await startMockServer({ flavor: 'together', models: ['Qwen/Qwen3-8B'] });
    const list: Json = await (await fetch(`${together.url}/v1/models`, { headers: AUTH })).json();
    expect(list).toEqual([expect.objectContaining({ id: 'Qwen/Qwen3-8B', object: 'model', type: 'chat' })]);
    await together.close();
  });
});

describe('flavors', () => {
  it('together flavor sends message.reasoning and usage on the final stream chunk', async () => {
    const together = await startMockServer({ flavor: 'together' });
    together.reply({ content: 'a', reasoning: 'r' }, { content: 'a', reasoning: 'r' });
    const post = (body: object) =>
      fetch(`${together.togetherBaseURL}/chat/completions`, {
        method: 'POST',
        headers: AUTH,
        body: JSON.stringify(body),
      });
    const json: Json = await (await post(chatBody)).json();
    expect(json.choices[0].message.reasoning).toBe('r');
    const events = parseSse(await (await post({ ...chatBody, stream: true })).text());
    const last = JSON.parse(events.at(-2)!.data);
    expect(last.choices[0].finish_reason).toBe('stop');
    expect(last.usage.total_tokens).toBeGreaterThan(0);
    await together.close();
  });

  it('openai flavor refuses a reasoning object (not an OpenAI field); recorded only, it keeps reasoning_content', async () => {
    const strict = await startMockServer({ flavor: 'openai' });
    const refused = await fetch(`${strict.openaiBaseURL}/chat/completions`, {
      method: 'POST',
      headers: AUTH,
      body: JSON.stringify({ ...chatBody, reasoning: { enabled: true } }),
    });
    expect(refused.status).toBe(400);
    expect(((await refused.json()) as Json).error.message).toBe(
      'Unrecognized request argument supplied: reasoning',
    );
    expect(strict.takeViolations().map((v) => v.message)).toEqual([
      'Unrecognized request argument supplied: reasoning',
    ]);
    await strict.close();
    const openai = await startMockServer({ flavor: 'openai', validation: 'record' });
    openai.reply({ content: 'a', reasoning: 'r' });
    const res = await fetch(`${openai.openaiBaseURL}/chat/completions`, {
      method: 'POST',
      headers: AUTH,
      body: JSON.stringify({ ...chatBody, reasoning: { enabled: true } }),
    });
    expect(((await res.json()) as Json).choices[0].message.reasoning_content).toBe('r');
    expect(openai.takeViolations()).toHaveLength(1);
    await openai.close();
  });
});

describe('faults', () => {
  it('latency delays the response by at least ms', async () => {
    server.fault({ type: 'latency', ms: 150 });
    const started = Date.now();
    expect((await chat()).status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(145);
    expect(server.requests[0]!.fault).toBe('latency');
  });

  it('rate-limit answers 429 with retry-after and retry-after-ms in OpenAI shape', async () => {
    server.fault({ type: 'rate-limit', retryAfterSeconds: 2, retryAfterMs: 1500 }, { type: 'rate-limit' });
    const res = await chat();
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toBe('2');
    expect(res.headers.get('retry-after-ms')).toBe('1500');
    expect(await res.json()).toEqual({
      error: {
        message: expect.stringMatching(/Rate limit/),
        type: 'requests',
        param: null,
        code: 'rate_limit_exceeded',
      },
    });
    const plain = await chat();
    expect(plain.status).toBe(429);
    expect(plain.headers.get('retry-after')).toBe('1');
    expect(plain.headers.get('retry-after-ms')).toBeNull();
    expect((await chat()).status).toBe(200);
  });

  it.each([500, 502, 503, 529] as const)('server-error %i', async (status) => {
    server.fault({ type: 'server-error', status });
    const res = await chat();
    expect(res.status).toBe(status);
    expect(((await res.json()) as Json).error.type).toBe('server_error');
  });

  it('drop-connection destroys the socket before any response', async () => {
    server.fault({ type: 'drop-connection' });
    await expect(chat()).rejects.toThrow(/fetch failed/);
    expect((await chat()).status).toBe(200);
  });

  it('cut-stream resets the socket after N SSE events, without [DONE]', async () => {
    server.reply({ content: 'abcdef', chunkSize: 1 }).fault({ type: 'cut-stream', afterChunks: 3 });
    const res = await chat({ ...chatBody, stream: true });
    expect(res.status).toBe(200);
    const reader = res.body!.getReader();
    let text = '';
    const error = await (async () => {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return null;
        text += new TextDecoder().decode(value);
      }
    })().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    const events = parseSse(text);
    expect(events).toHaveLength(3);
    expect(events.map((e) => JSON.parse(e.data).choices[0].delta.content)).toEqual(['', 'a', 'b']);
    expect(text).not.toContain('[DONE]');
  });

  it('cut-stream mode end closes the response cleanly without [DONE]', async () => {
    server.fault({ type: 'cut-stream', afterChunks: 2, mode: 'end' });
    const text = await (await chat({ ...chatBody, stream: true })).text();
    expect(parseSse(text)).toHaveLength(2);
    expect(text).not.toContain('[DONE]');
  });

  it('cut-stream with more chunks than the stream has still withholds [DONE]', async () => {
    server
      .reply({ content: 'ab', chunkSize: 1 })
      .fault({ type: 'cut-stream', afterChunks: 100, mode: 'end' });
    const text = await (await chat({ ...chatBody, stream: true })).text();
    const events = parseSse(text);
    // role, 'a', 'b', finish: everything but the terminator.
    expect(events).toHaveLength(4);
    expect(JSON.parse(events.at(-1)!.data).choices[0].finish_reason).toBe('stop');
    expect(text).not.toContain('[DONE]');
  });

  it('cut-stream skips non-streaming requests and waits for a streaming one', async () => {
    server.fault({ type: 'cut-stream', afterChunks: 1, mode: 'end' });
    expect((await chat()).status).toBe(200);
    expect(server.pendingFaults).toHaveLength(1);
    const text = await (await chat({ ...chatBody, stream: true })).text();
    expect(parseSse(text)).toHaveLength(1);
  });

  it('malformed-json sends 200 with a truncated JSON body and keeps the scripted reply', async () => {
    server.reply({ content: 'kept' }).fault({ type: 'malformed-json' });
    const res = await chat();
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/application\/json/);
    const text = await res.text();
    expect(text.startsWith('{"id":"chatcmpl-')).toBe(true);
    expect(() => JSON.parse(text)).toThrow();
    const next: Json = await (await chat()).json();
    expect(next.choices[0].message.content).toBe('kept');
  });

  it('malformed-json on a stream sends one truncated data event and ends', async () => {
    server.fault({ type: 'malformed-json' });
    const text = await (await chat({ ...chatBody, stream: true })).text();
    const events = parseSse(text);
    expect(events).toHaveLength(1);
    expect(() => JSON.parse(events[0]!.data)).toThrow();
  });

  it('times applies a fault to several requests; path targets a route', async () => {
    server.fault({ type: 'server-error', status: 503, times: 2, path: '/chat/completions' });
    expect((await fetch(`${server.url}/v1/models`, { headers: AUTH })).status).toBe(200);
    expect((await chat()).status).toBe(503);
    expect((await chat()).status).toBe(503);
    expect((await chat()).status).toBe(200);
    expect(server.requests.map((r) => r.fault ?? null)).toEqual([null, 'server-error', 'server-error', null]);
  });

  it('faults are consumed FIFO, one per request', async () => {
    server.fault({ type: 'rate-limit' }, { type: 'server-error', status: 502 });
    expect((await chat()).status).toBe(429);
    expect((await chat()).status).toBe(502);
    expect((await chat()).status).toBe(200);
  });

  it('faults apply before authentication', async () => {
    server.fault({ type: 'server-error' });
    const res = await fetch(`${server.url}/v1/chat/completions`, { method: 'POST', body: '{}' });
    expect(res.status).toBe(500);
  });

  it('a faulted request does not consume the scripted reply', async () => {
    server.reply({ content: 'for the retry' }).fault({ type: 'rate-limit' }, { type: 'drop-connection' });
    expect((await chat()).status).toBe(429);
    await expect(chat()).rejects.toThrow();
    expect(((await (await chat()).json()) as Json).choices[0].message.content).toBe('for the retry');
  });

  it('rejects non-positive times', () => {
    expect(() => server.fault({ type: 'drop-connection', times: 0 })).toThrow(RangeError);
  });
});

describe('custom routes', () => {
  it('route() adds handlers with params, wildcard, auth modes, and wins over built-ins', async () => {
    const custom = await startMockServer({
      routes: [
        {
          method: 'GET',
          path: '/v1/files/:id',
          handler: (ctx) => ({ body: { id: ctx.params.id, object: 'file', key: ctx.apiKey } }),
        },
      ],
    });
    custom.route(
      'PUT',
      '/upload/*',
      (ctx) => ({ status: 200, body: `got ${ctx.rawBody.length} bytes at ${ctx.params['*']}` }),
      {
        auth: 'none',
      },
    );
    custom.route('POST', '/v1/files', () => ({
      status: 302,
      headers: { Location: `${custom.url}/upload/a/b` },
    }));
    custom.route('GET', '/v1/models', () => ({ body: { overridden: true } }));

    const file: Json = await (await fetch(`${custom.url}/v1/files/file-1%202`, { headers: AUTH })).json();
    expect(file).toEqual({ id: 'file-1 2', object: 'file', key: 'sk-test' });
    expect((await fetch(`${custom.url}/v1/files/x`)).status).toBe(401);

    const put = await fetch(`${custom.url}/upload/a/b`, { method: 'PUT', body: new Uint8Array([1, 2, 3]) });
    expect(await put.text()).toBe('got 3 bytes at a/b');

    const redirect = await fetch(`${custom.url}/v1/files`, {
      method: 'POST',
      headers: AUTH,
      redirect: 'manual',
    });
    expect(redirect.status).toBe(302);
    expect(redirect.headers.get('location')).toBe(`${custom.url}/upload/a/b`);

    expect(await (await fetch(`${custom.url}/v1/models`, { headers: AUTH })).json()).toEqual({
      overridden: true,
    });
    await custom.close();
  });

  it('route handlers can stream with ctx.sse() and use ctx.error() in the route’s format', async () => {
    server.route(
      'POST',
      '/v1/custom-stream',
      async (ctx) => {
        if (!ctx.body || typeof ctx.body !== 'object') return ctx.error(400, 'need a body');
        const sse = ctx.sse();
        await sse.event({ n: 1 }, 'tick');
        await sse.event({ n: 2 }, 'tick');
        await sse.end();
        return undefined;
      },
      { auth: 'anthropic', errorFormat: 'anthropic' },
    );
    const bad = await fetch(`${server.url}/v1/custom-stream`, {
      method: 'POST',
      headers: { 'x-api-key': 'k' },
      body: 'x',
    });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({
      type: 'error',
      error: { type: 'invalid_request_error', message: 'need a body' },
    });
    const ok = await fetch(`${server.url}/v1/custom-stream`, {
      method: 'POST',
      headers: { 'x-api-key': 'k' },
      body: '{}',
    });
    expect(parseSse(await ok.text())).toEqual([
      { event: 'tick', data: '{"n":1}' },
      { event: 'tick', data: '{"n":2}' },
    ]);
  });

  it('a handler that throws answers 500 with the error message', async () => {
    server.route('GET', '/v1/boom', () => {
      throw new Error('kaboom');
    });
    const res = await fetch(`${server.url}/v1/boom`, { headers: AUTH });
    expect(res.status).toBe(500);
    expect(((await res.json()) as Json).error.message).toContain('kaboom');
  });
});

describe('concurrency', () => {
  it('serves parallel streams independently', async () => {
    server.onChat((req) => ({ content: `reply to ${req.lastUserText}`, chunkSize: 2, delayMs: 2 }));
    const texts = await Promise.all(
      Array.from({ length: 8 }, async (_, i) => {
        const res = await chat({ model: 'm', messages: [{ role: 'user', content: `q${i}` }], stream: true });
        return parseSse(await res.text())
          .filter((e) => e.data !== '[DONE]')
          .map((e) => JSON.parse(e.data).choices[0].delta.content ?? '')
          .join('');
      }),
    );
    expect(texts).toEqual(Array.from({ length: 8 }, (_, i) => `reply to q${i}`));
  });

  it('keeps working after a client aborts mid-stream', async () => {
    server.reply({ content: 'x'.repeat(200), chunkSize: 1, delayMs: 5 });
    const res = await chat({ ...chatBody, stream: true });
    const reader = res.body!.getReader();
    await reader.read();
    await reader.cancel();
    expect((await chat()).status).toBe(200);
  });
});

describe('raw HTTP', () => {
  it('records repeated headers joined and answers a keep-alive client twice', async () => {
    const send = () =>
      new Promise<number>((resolve, reject) => {
        const req = request(`${server.url}/v1/models`, {
          headers: { authorization: 'Bearer k', 'x-multi': ['a', 'b'] },
        });
        req.on('response', (res) => {
          res.resume();
          res.on('end', () => resolve(res.statusCode ?? 0));
        });
        req.on('error', reject);
        req.end();
      });
    expect(await send()).toBe(200);
    expect(await send()).toBe(200);
    expect(server.requests[0]!.headers['x-multi']).toBe('a, b');
  });
});
