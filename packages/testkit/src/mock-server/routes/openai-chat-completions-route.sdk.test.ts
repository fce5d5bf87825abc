import OpenAI, { type APIError } from 'openai';
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

const messages = [{ role: 'user' as const, content: 'What is 2+2?' }];

// Fields OpenAI-compatible servers add that the SDK types do not declare.
type Extra = { reasoning_content?: string; reasoning?: string };

describe('official openai SDK against the mock', () => {
  it('chat.completions.create returns the scripted answer, reasoning and usage', async () => {
    server.reply({ content: '4', reasoning: '2+2 is 4', usage: { prompt_tokens: 9 } });
    const completion = await client.chat.completions.create({ model: 'deepseek-reasoner', messages });
    const message = completion.choices[0]!.message as (typeof completion.choices)[0]['message'] & Extra;
    expect(message.content).toBe('4');
    expect(message.reasoning_content).toBe('2+2 is 4');
    expect(completion.usage?.prompt_tokens).toBe(9);
    expect(completion.usage?.completion_tokens_details?.reasoning_tokens).toBe(
      Math.ceil('2+2 is 4'.length / 4),
    );
    expect(completion._request_id).toMatch(/^req_/);
    const logged = server.requests.at(-1)!;
    expect(logged.headers.authorization).toBe('Bearer sk-test');
    expect(logged.body).toMatchObject({ model: 'deepseek-reasoner', messages });
  });

  it('create({stream:true}) yields every reasoning and content fragment', async () => {
    server.reply({ content: 'The answer is 4.', reasoning: 'Let me think about it', chunkSize: 1 });
    const stream = await client.chat.completions.create({
      model: 'm',
      messages,
      stream: true,
      stream_options: { include_usage: true },
    });
    let content = '';
    let reasoning = '';
    let finish: string | null = null;
    let usage: OpenAI.CompletionUsage | null | undefined;
    for await (const chunk of stream) {
      const delta = chunk.choices[0]?.delta as
        | (OpenAI.Chat.ChatCompletionChunk.Choice.Delta & Extra)
        | undefined;
      content += delta?.content ?? '';
      reasoning += delta?.reasoning_content ?? '';
      finish = chunk.choices[0]?.finish_reason ?? finish;
      if (chunk.usage) usage = chunk.usage;
    }
    expect(content).toBe('The answer is 4.');
    expect(reasoning).toBe('Let me think about it');
    expect(finish).toBe('stop');
    expect(usage?.total_tokens).toBe((usage?.prompt_tokens ?? 0) + (usage?.completion_tokens ?? 0));
  });

  it('surfaces 401, 404 and 400 as the SDK’s typed errors with the wire fields', async () => {
    const bad = new OpenAI({ apiKey: 'bad-key', baseURL: server.openaiBaseURL, maxRetries: 0 });
    const auth = await bad.chat.completions.create({ model: 'm', messages }).catch((e: unknown) => e);
    expect(auth).toBeInstanceOf(OpenAI.AuthenticationError);
    expect((auth as APIError).code).toBe('invalid_api_key');

    const notFound = await client.chat.completions
      .create({ model: 'unknown-model', messages })
      .catch((e: unknown) => e);
    expect(notFound).toBeInstanceOf(OpenAI.NotFoundError);
    expect((notFound as APIError).code).toBe('model_not_found');

    const badRequest = await client.chat.completions
      .create({ model: 'm', messages: [{ role: 'robot' as 'user', content: 'x' }] })
      .catch((e: unknown) => e);
    expect(badRequest).toBeInstanceOf(OpenAI.BadRequestError);
    expect(server.takeViolations()).toHaveLength(1);
    expect((badRequest as APIError).param).toBe('messages[0].role');
  });

  it('retries after a rate-limit, honouring retry-after-ms', async () => {
    const retrying = new OpenAI({ apiKey: 'sk-test', baseURL: server.openaiBaseURL, maxRetries: 2 });
    server.fault({ type: 'rate-limit', retryAfterMs: 50 }).reply({ content: 'after retry' });
    const completion = await retrying.chat.completions.create({ model: 'm', messages });
    expect(completion.choices[0]!.message.content).toBe('after retry');
    expect(server.requests.map((r) => r.fault ?? 'ok')).toEqual(['rate-limit', 'ok']);
    expect(server.requests[1]!.at - server.requests[0]!.at).toBeGreaterThanOrEqual(45);
  });

  it('raises RateLimitError with retry headers when retries are off', async () => {
    server.fault({ type: 'rate-limit', retryAfterSeconds: 7 });
    const error = (await client.chat.completions
      .create({ model: 'm', messages })
      .catch((e: unknown) => e)) as APIError;
    expect(error).toBeInstanceOf(OpenAI.RateLimitError);
    expect(error.headers?.get('retry-after')).toBe('7');
    expect(error.code).toBe('rate_limit_exceeded');
  });

  it('retries 5xx and dropped connections', async () => {
    const retrying = new OpenAI({ apiKey: 'sk-test', baseURL: server.openaiBaseURL, maxRetries: 3 });
    server.fault(
      { type: 'server-error', status: 502, retryAfterMs: 0 },
      { type: 'drop-connection' },
      { type: 'server-error', status: 503, retryAfterMs: 0 },
    );
    server.reply({ content: 'survived' });
    const completion = await retrying.chat.completions.create({ model: 'm', messages });
    expect(completion.choices[0]!.message.content).toBe('survived');
    expect(server.requests.map((r) => r.fault ?? 'ok')).toEqual([
      'server-error',
      'drop-connection',
      'server-error',
      'ok',
    ]);
  });

  it('throws InternalServerError / APIConnectionError without retries', async () => {
    server.fault({ type: 'server-error' }, { type: 'drop-connection' });
    const e500 = await client.chat.completions.create({ model: 'm', messages }).catch((e: unknown) => e);
    expect(e500).toBeInstanceOf(OpenAI.InternalServerError);
    expect((e500 as APIError).status).toBe(500);
    const dropped = await client.chat.completions.create({ model: 'm', messages }).catch((e: unknown) => e);
    expect(dropped).toBeInstanceOf(OpenAI.APIConnectionError);
  });

  it('a latency fault beyond the client timeout raises APIConnectionTimeoutError', async () => {
    server.fault({ type: 'latency', ms: 400 });
    const error = await client.chat.completions
      .create({ model: 'm', messages }, { timeout: 100 })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OpenAI.APIConnectionTimeoutError);
  });

  it('a cut stream makes the SDK iterator throw after the chunks that arrived', async () => {
    server.reply({ content: 'abcdefgh', chunkSize: 1 }).fault({ type: 'cut-stream', afterChunks: 3 });
    const stream = await client.chat.completions.create({ model: 'm', messages, stream: true });
    let content = '';
    const error = await (async () => {
      for await (const chunk of stream) content += chunk.choices[0]?.delta.content ?? '';
    })().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expect(content).toBe('ab');
    // The cut request did not consume the scripted reply: a retry gets it whole.
    expect(server.pendingReplies).toHaveLength(1);
  });

  it('a malformed JSON body makes the SDK fail to parse', async () => {
    server.fault({ type: 'malformed-json' });
    const error = await client.chat.completions.create({ model: 'm', messages }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expect(String(error)).toMatch(/JSON/i);
  });

  it('models.list pages through GET /v1/models', async () => {
    const ids: string[] = [];
    for await (const model of client.models.list()) ids.push(model.id);
    expect(ids).toEqual([...server.models]);
  });
});
