import { type ChatResult, type ChatStreamEvent, ProviderError } from '@distillery/core';
import { type MockServer, startMockServer } from '@distillery/testkit';
import { failOnSpecViolations } from '@distillery/testkit/vitest';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import provider, {
  createDeepSeekProvider,
  createOpenAIProvider,
  createOpenRouterProvider,
  createVllmProvider,
} from './index';

failOnSpecViolations();

const KEY = 'sk-test-SECRET-9f8e7d';
let server: MockServer;

beforeAll(async () => {
  server = await startMockServer();
});
beforeEach(() => server.reset());
afterAll(() => server.close());

const fast = { initialDelayMs: 1, maxDelayMs: 5 };
const openai = (extra: Parameters<typeof createOpenAIProvider>[0] = {}) =>
  createOpenAIProvider({ apiKey: KEY, baseURL: server.openaiBaseURL, env: {}, retry: fast, ...extra });
const ask = (model = 'deepseek-ai/DeepSeek-R1') => ({
  model,
  messages: [{ role: 'user' as const, content: 'What is 2+2?' }],
});

async function collect(
  events: AsyncIterable<ChatStreamEvent>,
): Promise<{ events: ChatStreamEvent[]; result: ChatResult }> {
  const all: ChatStreamEvent[] = [];
  for await (const event of events) all.push(event);
  const last = all.at(-1);
  if (last?.type !== 'finish') throw new Error(`stream ended without finish: ${JSON.stringify(all.at(-1))}`);
  expect(all.filter((e) => e.type === 'finish')).toHaveLength(1);
  return { events: all, result: last.result };
}

/** What a consumer keeps: deltas after the last retry event. */
function kept(events: ChatStreamEvent[], type: 'reasoning-delta' | 'content-delta'): string {
  const lastRetry = events.map((e) => e.type).lastIndexOf('retry');
  return events
    .slice(lastRetry + 1)
    .filter((e): e is { type: typeof type; text: string } => e.type === type)
    .map((e) => e.text)
    .join('');
}

async function failure(promise: Promise<unknown>): Promise<ProviderError> {
  try {
    await promise;
  } catch (error) {
    if (ProviderError.isInstance(error)) return error;
    throw error;
  }
  throw new Error('expected a ProviderError');
}

describe('reasoning fields', () => {
  it.each(['reasoning_content', 'reasoning'] as const)(
    'reads %s in whole responses and streams',
    async (field) => {
      const provider = openai();
      server.reply({ content: '4', reasoning: 'two and two make four', reasoningField: field });
      const whole = await provider.chat(ask());
      expect(whole.content).toBe('4');
      expect(whole.reasoning).toBe('two and two make four');
      expect(whole.reasoningExposure).toBe('field');

      server.reply({
        content: 'It is 4.',
        reasoning: 'two and two make four',
        reasoningField: field,
        chunkSize: 1,
      });
      const { events, result } = await collect(provider.stream(ask()));
      expect(result.reasoning).toBe('two and two make four');
      expect(result.content).toBe('It is 4.');
      expect(kept(events, 'reasoning-delta')).toBe('two and two make four');
      expect(kept(events, 'content-delta')).toBe('It is 4.');
      expect(events.filter((e) => e.type === 'reasoning-delta').length).toBe('two and two make four'.length);
    },
  );

  it('does not duplicate reasoning sent in both fields', async () => {
    server.reply({ content: '4', reasoning: 'think', reasoningField: 'both' });
    expect((await openai().chat(ask())).reasoning).toBe('think');
    server.reply({ content: '4', reasoning: 'think', reasoningField: 'both', chunkSize: 2 });
    const { events, result } = await collect(openai().stream(ask()));
    expect(result.reasoning).toBe('think');
    expect(kept(events, 'reasoning-delta')).toBe('think');
  });

  it('reads reasoning_details text and keeps the entries (encrypted ones unchanged) as metadata', async () => {
    const details = [
      {
        type: 'reasoning.text',
        text: 'First I add. ',
        index: 0,
        format: 'anthropic-claude-v1',
        signature: 'sig-1',
      },
      { type: 'reasoning.summary', summary: 'Then I check.', index: 1 },
      { type: 'reasoning.encrypted', data: 'opaque==', index: 2, format: 'openai-responses-v1' },
    ];
    server.reply({ content: '4', reasoningField: 'none', reasoningDetails: details });
    const whole = await openai().chat(ask('anthropic/claude-sonnet-4.5'));
    expect(whole.reasoning).toBe('First I add. Then I check.');
    expect(whole.reasoningMetadata).toEqual({ reasoning_details: details });

    server.reply({ content: '4', reasoningField: 'none', reasoningDetails: details });
    const { events, result } = await collect(openai().stream(ask('anthropic/claude-sonnet-4.5')));
    expect(result.reasoning).toBe('First I add. Then I check.');
    expect(kept(events, 'reasoning-delta')).toBe('First I add. Then I check.');
    expect(result.reasoningMetadata).toEqual({ reasoning_details: details });
  });

  it('prefers the reasoning field over reasoning_details text, in both modes', async () => {
    const details = [{ type: 'reasoning.text', text: 'mirror of the thinking', index: 0 }];
    server.reply({
      content: '4',
      reasoning: 'the thinking',
      reasoningField: 'reasoning',
      reasoningDetails: details,
    });
    expect((await openai().chat(ask())).reasoning).toBe('the thinking');
    server.reply({
      content: '4',
      reasoning: 'the thinking',
      reasoningField: 'reasoning',
      reasoningDetails: details,
    });
    const { events, result } = await collect(openai().stream(ask()));
    expect(result.reasoning).toBe('the thinking');
    expect(kept(events, 'reasoning-delta')).toBe('the thinking');
  });

  it('sends reasoning_details of an earlier answer back unchanged', async () => {
    const details = [{ type: 'reasoning.encrypted', data: 'opaque==', index: 0 }];
    server.reply({ content: 'ok' });
    await openai().chat({
      model: 'm',
      messages: [
        { role: 'user', content: 'a' },
        {
          role: 'assistant',
          content: 'b',
          reasoning: 'r',
          reasoningMetadata: { reasoning_details: details },
        },
        { role: 'user', content: 'c' },
      ],
    });
    const body = server.requests.at(-1)?.body as { messages: Record<string, unknown>[] };
    expect(body.messages[1]).toEqual({ role: 'assistant', content: 'b', reasoning_details: details });
  });

  it('returns content verbatim (inline <think> tags are left for the parser) and reasoning null without a field', async () => {
    server.reply({ content: '<think>hmm</think>4', reasoningField: 'none' });
    const result = await openai().chat(ask('Qwen/Qwen3-8B'));
    expect(result.content).toBe('<think>hmm</think>4');
    expect(result.reasoning).toBeNull();
    expect(result.reasoningExposure).toBe('none');
    const vllm = createVllmProvider({ baseURL: server.openaiBaseURL, env: {} });
    server.reply({ content: '<think>hmm</think>4', reasoningField: 'none' });
    const inline = await vllm.chat(ask('Qwen/Qwen3-8B'));
    expect(inline).toMatchObject({ reasoning: null, reasoningExposure: 'inline' });
    expect(vllm.models.find((m) => m.id === 'Qwen/Qwen3-8B')?.parser).toBe('qwen3');
  });

  it('reports OpenAI reasoning models as hidden, with null reasoning and their reasoning tokens', async () => {
    server.reply({
      content: '4',
      reasoningField: 'none',
      usage: { prompt_tokens: 12, completion_tokens: 80, reasoning_tokens: 64 },
    });
    const result = await openai().chat(ask('o3'));
    expect(result.reasoning).toBeNull();
    expect(result.reasoningExposure).toBe('hidden');
    expect(result.usage).toEqual({ inputTokens: 12, outputTokens: 80, reasoningTokens: 64 });
    server.reply({ content: '4', reasoningField: 'none' });
    expect((await openai().chat(ask('gpt-5.1-2026-01-01'))).reasoningExposure).toBe('hidden');
  });
});

describe('streaming', () => {
  const text = 'Résumé: 2+2=4 ✅ 👍🏽 日本語';
  it('keeps every fragment of 1-code-unit deltas that split surrogate pairs', async () => {
    server.reply({ content: text, reasoning: `think ${text}`, chunkSize: 1, splitMode: 'code-unit' });
    const { events, result } = await collect(openai().stream(ask()));
    expect(result.content).toBe(text);
    expect(result.reasoning).toBe(`think ${text}`);
    expect(kept(events, 'content-delta')).toBe(text);
  });

  it('decodes multi-byte characters split across network reads', async () => {
    server.reply({ content: text, reasoning: text, chunkSize: 3, byteChunkSize: 1 });
    const { result } = await collect(openai().stream(ask()));
    expect(result.content).toBe(text);
    expect(result.reasoning).toBe(text);
  });

  it('asks for usage and reports reasoning tokens', async () => {
    server.reply({
      content: '4',
      reasoning: 'abc',
      usage: { prompt_tokens: 7, completion_tokens: 20, reasoning_tokens: 15 },
    });
    const { result } = await collect(openai().stream(ask()));
    expect(result.usage).toEqual({ inputTokens: 7, outputTokens: 20, reasoningTokens: 15 });
    expect(server.requests.at(-1)?.body).toMatchObject({
      stream: true,
      stream_options: { include_usage: true },
    });
    expect(result.finishReason).toBe('stop');
  });
});

describe('structured output', () => {
  const schema = { type: 'object', properties: { answer: { type: 'number' } }, required: ['answer'] };

  it('forced tool call: content is the tool arguments, whole and streamed', async () => {
    server.reply({ toolCall: { name: 'answer', arguments: '{"answer":4}' } });
    const result = await openai().chat({
      ...ask('gpt-4o-mini'),
      structuredOutput: { mode: 'tool', schema, name: 'answer' },
    });
    expect(result.content).toBe('{"answer":4}');
    expect(result.finishReason).toBe('stop');
    expect(server.requests.at(-1)?.body).toMatchObject({
      tools: [
        {
          type: 'function',
          function: { name: 'answer', parameters: { ...schema, additionalProperties: false }, strict: true },
        },
      ],
      tool_choice: { type: 'function', function: { name: 'answer' } },
    });

    server.reply({ toolCall: { name: 'answer', arguments: '{"answer":4}' }, chunkSize: 2 });
    const { events, result: streamed } = await collect(
      openai().stream({ ...ask('gpt-4o-mini'), structuredOutput: { mode: 'tool', schema, name: 'answer' } }),
    );
    expect(streamed.content).toBe('{"answer":4}');
    expect(kept(events, 'content-delta')).toBe('{"answer":4}');
  });

  it('json_schema is strict when the schema allows it, json_object as is', async () => {
    server.reply({ content: '{"answer":4}' });
    await openai().chat({
      ...ask('gpt-4o-mini'),
      structuredOutput: { mode: 'json_schema', schema, name: 'my answer' },
    });
    expect(server.requests.at(-1)?.body).toMatchObject({
      response_format: {
        type: 'json_schema',
        json_schema: { name: 'my_answer', strict: true, schema: { ...schema, additionalProperties: false } },
      },
    });
    server.reply({ content: '{}' });
    await openai().chat({
      ...ask('gpt-4o-mini'),
      structuredOutput: {
        mode: 'json_schema',
        schema: { type: 'object', properties: { a: { type: 'string' } } },
      },
    });
    expect(server.requests.at(-1)?.body).toMatchObject({
      response_format: { json_schema: { name: 'output', strict: false } },
    });
    server.reply({ content: '{}' });
    await openai().chat({ ...ask('gpt-4o-mini'), structuredOutput: { mode: 'json_object' } });
    expect(server.requests.at(-1)?.body).toMatchObject({ response_format: { type: 'json_object' } });
  });
});

describe('request fields', () => {
  it('sends OpenAI field names, enums and Bearer auth', async () => {
    server.reply({ content: '4' });
    await openai().chat({
      ...ask('o4-mini'),
      parameters: { maxTokens: 500, reasoningEffort: 'high', temperature: 0.2, seed: 3 },
    });
    const request = server.requests.at(-1)!;
    expect(request.path).toBe('/v1/chat/completions');
    expect(request.headers.authorization).toBe(`Bearer ${KEY}`);
    expect(request.body).toEqual({
      model: 'o4-mini',
      messages: [{ role: 'user', content: 'What is 2+2?' }],
      max_completion_tokens: 500,
      seed: 3,
      reasoning_effort: 'high',
    });
    server.reply({ content: '4' });
    await openai().chat({
      ...ask('gpt-4o-mini'),
      parameters: { temperature: 0.2, topP: 0.9 },
      providerOptions: { user: 'u1' },
    });
    expect(server.requests.at(-1)?.body).toMatchObject({ temperature: 0.2, top_p: 0.9, user: 'u1' });
  });

  it('leaves reasoning_effort out for OpenAI models that do not reason (the API refuses it there)', async () => {
    // The mock answers as OpenAI does for gpt-4o-mini: 400 "Unsupported parameter: 'reasoning_effort'".
    for (const [model, sent] of [
      ['gpt-4o-mini', false],
      ['ft:gpt-4o-mini-2024-07-18:acme::abc123', false],
      ['gpt-5-chat-latest', false],
      ['o4-mini', true],
      ['ft:o4-mini-2025-04-16:acme::def456', true],
      ['gpt-5.1', true],
    ] as const) {
      server.reply({ content: '4' });
      const result = await openai().chat({ ...ask(model), parameters: { reasoningEffort: 'low' } });
      expect(result.content).toBe('4');
      const body = server.requests.at(-1)?.body;
      if (sent) expect(body).toMatchObject({ reasoning_effort: 'low' });
      else expect(body).not.toHaveProperty('reasoning_effort');
    }
    // Other OpenAI-compatible servers get it whatever the model (they decide for themselves).
    server.reply({ content: '4' });
    await createDeepSeekProvider({ apiKey: KEY, baseURL: server.openaiBaseURL, env: {} }).chat({
      ...ask('deepseek-chat'),
      parameters: { reasoningEffort: 'high' },
    });
    expect(server.requests.at(-1)?.body).toMatchObject({ reasoning_effort: 'high' });
  });

  it('speaks the dialects of DeepSeek, vLLM and OpenRouter', async () => {
    const env = { DEEPSEEK_API_KEY: KEY, DEEPSEEK_BASE_URL: server.openaiBaseURL };
    server.reply({ content: '4', reasoning: 'r' });
    const deepseek = createDeepSeekProvider({ env });
    expect(deepseek.id).toBe('deepseek');
    const result = await deepseek.chat({
      ...ask('deepseek-reasoner'),
      parameters: { maxTokens: 100, thinking: true },
    });
    expect(result.reasoning).toBe('r');
    expect(server.requests.at(-1)?.body).toMatchObject({ max_tokens: 100, thinking: { type: 'enabled' } });

    server.reply({ content: '4' });
    await createVllmProvider({ env: { VLLM_BASE_URL: server.openaiBaseURL } }).chat({
      ...ask(),
      parameters: { thinking: false },
    });
    expect(server.requests.at(-1)?.body).toMatchObject({ chat_template_kwargs: { enable_thinking: false } });
    expect(server.requests.at(-1)?.headers.authorization).toBe('Bearer not-needed');

    server.reply({ content: '4' });
    await createOpenRouterProvider({ apiKey: KEY, baseURL: server.openaiBaseURL, env: {} }).chat({
      ...ask('deepseek/deepseek-r1'),
      parameters: { reasoningEffort: 'low', thinking: true },
    });
    expect(server.requests.at(-1)?.body).toMatchObject({ reasoning: { effort: 'low', enabled: true } });
    expect(server.requests.at(-1)?.body).not.toHaveProperty('reasoning_effort');
  });

  it('works with only OPENAI_API_KEY and OPENAI_BASE_URL in env, through the default export', async () => {
    const [plugin, backend] = provider({
      env: { OPENAI_API_KEY: KEY, OPENAI_BASE_URL: server.openaiBaseURL },
    });
    expect(plugin).toMatchObject({ specificationVersion: 'v1', kind: 'model-provider', id: 'openai' });
    expect(backend).toMatchObject({ specificationVersion: 'v1', kind: 'fine-tune-backend', id: 'openai' });
    server.reply({ content: 'hi' });
    expect((await plugin.chat(ask('gpt-4o-mini'))).content).toBe('hi');
    const deepseek = provider({ id: 'deepseek', env: {} });
    expect(deepseek).toHaveLength(1);
    expect(deepseek[0].baseURL).toBe('https://api.deepseek.com');
    const [keyless] = provider({ env: { OPENAI_BASE_URL: server.openaiBaseURL } });
    const error = await failure(keyless.chat(ask('gpt-4o-mini')));
    expect(error.message).toBe(
      'No API key for OpenAI (provider openai, model gpt-4o-mini): OPENAI_API_KEY is not set.',
    );
    expect(error.advice).toBe(
      'Export OPENAI_API_KEY in the shell that runs distill: `export OPENAI_API_KEY=<your key>`.',
    );
    expect(server.requests).toHaveLength(1);
  });
});

describe('reliability', () => {
  it('honours retry-after-ms on 429, then succeeds', async () => {
    server.fault({ type: 'rate-limit', retryAfterMs: 300 });
    server.reply({ content: '4' });
    const result = await openai().chat(ask());
    expect(result.content).toBe('4');
    const [first, second] = server.requests;
    expect(first?.fault).toBe('rate-limit');
    expect(second!.at - first!.at).toBeGreaterThanOrEqual(300);
  });

  it('honours retry-after in seconds on a streamed 429 and emits a retry event', async () => {
    server.fault({ type: 'rate-limit', retryAfterSeconds: 1 });
    server.reply({ content: '4' });
    const { events, result } = await collect(openai().stream(ask()));
    expect(result.content).toBe('4');
    expect(events[0]).toMatchObject({ type: 'retry', attempt: 1 });
    const [first, second] = server.requests;
    expect(second!.at - first!.at).toBeGreaterThanOrEqual(1000);
  });

  it('gives up at once when retry-after is beyond the cap', async () => {
    server.fault({ type: 'rate-limit', retryAfterSeconds: 120 });
    const error = await failure(openai().chat(ask()));
    expect(error).toMatchObject({ kind: 'rate-limit', status: 429, retryAfterMs: 120_000 });
    expect(error.message).toBe(
      'OpenAI rate-limited model deepseek-ai/DeepSeek-R1 (429), asking to wait 120 s. Lower the concurrency or try again later.',
    );
    expect(server.requests).toHaveLength(1);
  });

  it('retries 5xx and dropped connections', async () => {
    server.fault({ type: 'server-error', status: 503 }, { type: 'drop-connection' });
    server.reply({ content: '4' });
    expect((await openai().chat(ask())).content).toBe('4');
    expect(server.requests.map((r) => r.fault)).toEqual(['server-error', 'drop-connection', undefined]);

    server.reset();
    server.fault({ type: 'server-error', status: 500, times: 10 });
    const error = await failure(openai({ maxRetries: 2 }).chat(ask()));
    expect(error.kind).toBe('server');
    expect(error.message).toBe(
      'OpenAI had a server error (500) for model deepseek-ai/DeepSeek-R1. Try again later. Server said: The server had an error while processing your request. Sorry about that!',
    );
    expect(server.requests).toHaveLength(3);
  });

  it.each(['destroy', 'end'] as const)(
    'retries a stream cut mid-way (%s) after a retry event',
    async (mode) => {
      server.fault({ type: 'cut-stream', afterChunks: 3, mode });
      server.reply({ content: 'The answer is four.', reasoning: 'Adding two and two.', chunkSize: 2 });
      const { events, result } = await collect(openai().stream(ask()));
      const retryAt = events.findIndex((e) => e.type === 'retry');
      expect(retryAt).toBeGreaterThan(0);
      expect(events[retryAt]).toMatchObject({ type: 'retry', attempt: 1 });
      expect(result.content).toBe('The answer is four.');
      expect(result.reasoning).toBe('Adding two and two.');
      expect(kept(events, 'content-delta')).toBe('The answer is four.');
      expect(server.requests).toHaveLength(2);
    },
  );

  it('throws stream-interrupted when a cut stream runs out of retries', async () => {
    server.fault({ type: 'cut-stream', afterChunks: 2, mode: 'end', times: 5 });
    server.reply({ content: 'The answer is four.', chunkSize: 2 });
    const events: ChatStreamEvent[] = [];
    const error = await failure(
      (async () => {
        for await (const event of openai({ maxRetries: 1 }).stream(ask())) events.push(event);
      })(),
    );
    expect(error.kind).toBe('stream-interrupted');
    expect(error.message).toBe(
      'OpenAI stream for model deepseek-ai/DeepSeek-R1 broke off before it finished (the server closed the stream without a finish_reason). Try again.',
    );
    expect(events.some((e) => e.type === 'finish')).toBe(false);
    expect(events.filter((e) => e.type === 'retry')).toHaveLength(1);
  });

  it('retries malformed JSON, whole and streamed', async () => {
    server.fault({ type: 'malformed-json' });
    server.reply({ content: '4' });
    expect((await openai().chat(ask())).content).toBe('4');
    expect(server.requests).toHaveLength(2);

    server.reset();
    server.fault({ type: 'malformed-json' });
    server.reply({ content: '4', chunkSize: 1 });
    const { events, result } = await collect(openai().stream(ask()));
    expect(result.content).toBe('4');
    expect(events.some((e) => e.type === 'retry')).toBe(true);

    server.reset();
    server.fault({ type: 'malformed-json', times: 5 });
    const error = await failure(openai({ maxRetries: 0 }).chat(ask()));
    expect(error.kind).toBe('invalid-response');
    expect(error.message).toMatch(/^OpenAI sent a malformed response for model deepseek-ai\/DeepSeek-R1 \(/);
  });

  it('times out a silent server, and retries', async () => {
    // The mock holds the first request far past the timeout; the retry is answered at once, with a
    // wide margin under the same timeout (no race between the two on a loaded machine).
    server.fault({ type: 'latency', ms: 20_000 });
    server.reply({ content: '4' });
    const result = await openai({ timeoutMs: 1_000 }).chat(ask());
    expect(result.content).toBe('4');
    expect(server.requests).toHaveLength(2);

    server.reset();
    server.fault({ type: 'latency', ms: 20_000 });
    const error = await failure(openai({ timeoutMs: 1_000, maxRetries: 0 }).chat(ask()));
    expect(error.message).toBe(
      'OpenAI did not answer within 1000 ms for model deepseek-ai/DeepSeek-R1. Try again, or raise timeoutMs in the provider options.',
    );
  });

  it('an abort is not retried, in chat and stream', async () => {
    // The mock holds the request; the abort comes once it has arrived (an event, not a delay).
    server.fault({ type: 'latency', ms: 5_000 });
    const controller = new AbortController();
    const arrived = server.nextRequest('/chat/completions');
    const pending = failure(openai().chat(ask(), { signal: controller.signal }));
    await arrived;
    controller.abort();
    const error = await pending;
    expect(error.kind).toBe('aborted');
    expect(server.requests).toHaveLength(1);
    expect(error.message).toBe('OpenAI request for model deepseek-ai/DeepSeek-R1 was aborted.');

    const streaming = new AbortController();
    server.reply({ content: 'a long answer', chunkSize: 1, delayMs: 20 });
    const events: ChatStreamEvent[] = [];
    const streamError = await failure(
      (async () => {
        for await (const event of openai().stream(ask(), { signal: streaming.signal })) {
          events.push(event);
          if (events.length === 3) streaming.abort();
        }
      })(),
    );
    expect(streamError.kind).toBe('aborted');
    expect(events.some((e) => e.type === 'retry' || e.type === 'finish')).toBe(false);
    // A retry would be sent before the call settles: the count is final now.
    expect(server.requests).toHaveLength(2);
  });
});

describe('errors', () => {
  it('401 names provider, model and env var, and never leaks the key', async () => {
    const secret = 'invalid-key-SECRET-123456';
    const error = await failure(openai({ apiKey: secret }).chat(ask('gpt-4o-mini')));
    expect(error.message).toBe(
      'OpenAI rejected the API key (401) for model gpt-4o-mini (provider openai). Set OPENAI_API_KEY to a valid key.',
    );
    expect(error).toMatchObject({
      kind: 'auth',
      status: 401,
      provider: 'openai',
      model: 'gpt-4o-mini',
      retryable: false,
    });
    expect(server.requests).toHaveLength(1);
    // The mock, like OpenAI, echoes the key in its error body: none of it may reach us.
    expect(JSON.stringify(server.requests[0])).toContain(secret);
    const everything = `${error.message} ${String(error.stack)} ${JSON.stringify(error)} ${String((error.cause as Error)?.message)}`;
    expect(everything).not.toContain(secret);

    const streamError = await failure(
      (async () => {
        for await (const _ of openai({ apiKey: secret }).stream(ask('gpt-4o-mini'))) {
        }
      })(),
    );
    expect(streamError.kind).toBe('auth');
    expect(
      `${streamError.message} ${JSON.stringify(streamError)} ${String((streamError.cause as Error)?.message)}`,
    ).not.toContain(secret);
  });

  it('404 for an unknown model says what to do', async () => {
    const error = await failure(openai().chat(ask('missing-model-x')));
    expect(error).toMatchObject({ kind: 'not-found', status: 404, retryable: false });
    expect(error.message).toMatch(
      /^OpenAI does not know model missing-model-x \(404\)\. Check the model id in your run config \(and OPENAI_BASE_URL if you use another server\)\./,
    );
  });

  it('400 carries the server message and the fix', async () => {
    const error = await failure(openai().chat({ ...ask('gpt-4o-mini'), parameters: { temperature: 5 } }));
    expect(error).toMatchObject({ kind: 'bad-request', status: 400 });
    expect(server.takeViolations()).toHaveLength(1);
    expect(error.message).toBe(
      "OpenAI rejected the request (400) for model gpt-4o-mini. Server said: Invalid 'temperature': decimal above maximum value. Expected a value <= 2, but got 5 instead. Fix the parameters in your run config.",
    );
    expect(server.requests).toHaveLength(1);
  });

  it('keeps the key out of raw results', async () => {
    server.reply({ content: '4', reasoning: 'r' });
    const whole = await openai().chat(ask());
    expect(JSON.stringify(whole)).not.toContain(KEY);
    server.reply({ content: '4', reasoning: 'r' });
    const { result } = await collect(openai().stream(ask()));
    expect(JSON.stringify(result)).not.toContain(KEY);
  });
});

describe('logprobs', () => {
  it('asks for the top alternatives per token and returns them, in the spec-checked wire shape', async () => {
    server.reply({
      content: 'Verdict: pass',
      logprobs: [
        { token: 'Verdict:', logprob: 0 },
        {
          token: ' pass',
          logprob: Math.log(0.7),
          top: [
            { token: ' pass', logprob: Math.log(0.7) },
            { token: ' fail', logprob: Math.log(0.2) },
            { token: ' maybe', logprob: Math.log(0.1) },
          ],
        },
      ],
    });
    const result = await openai().chat({ ...ask('gpt-4o-mini'), logprobs: { top: 2 } });
    expect(server.requests.at(-1)?.body).toMatchObject({ logprobs: true, top_logprobs: 2 });
    expect(result.content).toBe('Verdict: pass');
    expect(result.logprobs).toEqual([
      { token: 'Verdict:', logprob: 0, top: [{ token: 'Verdict:', logprob: 0 }] },
      {
        token: ' pass',
        logprob: Math.log(0.7),
        top: [
          { token: ' pass', logprob: Math.log(0.7) },
          { token: ' fail', logprob: Math.log(0.2) },
        ],
      },
    ]);
  });

  it('sends no logprobs fields and returns none when not asked', async () => {
    server.reply({ content: 'pass' });
    const result = await openai().chat(ask('gpt-4o-mini'));
    expect(server.requests.at(-1)?.body).not.toHaveProperty('logprobs');
    expect(server.requests.at(-1)?.body).not.toHaveProperty('top_logprobs');
    expect(result.logprobs).toBeUndefined();
  });
});
