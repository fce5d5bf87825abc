import { type ChatResult, type ChatStreamEvent, ProviderError } from '@distillery/core';
import { type MockServer, startMockServer } from '@distillery/testkit';
import { failOnSpecViolations } from '@distillery/testkit/vitest';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTogetherProvider, TOGETHER_MODELS } from './index';

failOnSpecViolations();

const KEY = 'tgp_v1_SECRET-abc123';
let server: MockServer;

beforeAll(async () => {
  server = await startMockServer({ flavor: 'together' });
});
beforeEach(() => server.reset());
afterAll(() => server.close());

const together = (extra: Parameters<typeof createTogetherProvider>[0] = {}) =>
  createTogetherProvider({
    env: { TOGETHER_API_KEY: KEY, TOGETHER_BASE_URL: server.togetherBaseURL },
    retry: { initialDelayMs: 1, maxDelayMs: 5 },
    ...extra,
  });
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
  if (last?.type !== 'finish') throw new Error('stream ended without finish');
  return { events: all, result: last.result };
}
const kept = (events: ChatStreamEvent[], type: 'reasoning-delta' | 'content-delta') =>
  events
    .slice(events.map((e) => e.type).lastIndexOf('retry') + 1)
    .flatMap((e) => (e.type === type ? [e.text] : []))
    .join('');

async function failure(promise: Promise<unknown>): Promise<ProviderError> {
  try {
    await promise;
  } catch (error) {
    if (ProviderError.isInstance(error)) return error;
    throw error;
  }
  throw new Error('expected a ProviderError');
}

describe('together provider', () => {
  it('is a v1 model provider that works from env alone', async () => {
    const plugin = createTogetherProvider({
      env: { TOGETHER_API_KEY: KEY, TOGETHER_BASE_URL: server.togetherBaseURL },
    });
    expect(plugin).toMatchObject({ specificationVersion: 'v1', kind: 'model-provider', id: 'together' });
    expect(plugin.models.map((m) => m.id)).toEqual(TOGETHER_MODELS.map((m) => m.id));
    server.reply({ content: '4', reasoning: 'add' });
    expect(await plugin.chat(ask())).toMatchObject({
      content: '4',
      reasoning: 'add',
      reasoningExposure: 'field',
    });
    expect(createTogetherProvider({ env: {} }).baseURL).toBe('https://api.together.ai/v1');
  });

  it.each(['reasoning', 'reasoning_content'] as const)(
    'reads %s, whole and streamed by 1 code unit',
    async (field) => {
      const thinking = 'Two plus two… is 4 👍🏽';
      server.reply({ content: 'Answer: 4', reasoning: thinking, reasoningField: field });
      const whole = await together().chat(ask());
      expect(whole).toMatchObject({ content: 'Answer: 4', reasoning: thinking, finishReason: 'stop' });

      server.reply({
        content: 'Answer: 4',
        reasoning: thinking,
        reasoningField: field,
        chunkSize: 1,
        splitMode: 'code-unit',
      });
      const { events, result } = await collect(together().stream(ask()));
      expect(result.reasoning).toBe(thinking);
      expect(result.content).toBe('Answer: 4');
      expect(kept(events, 'reasoning-delta')).toBe(thinking);
    },
  );

  it('sends reasoning.enabled, reasoning_effort and max_tokens, with Bearer auth', async () => {
    server.reply({
      content: '4',
      reasoning: 'r',
      usage: { prompt_tokens: 3, completion_tokens: 9, reasoning_tokens: 5 },
    });
    const result = await together().chat({
      ...ask('openai/gpt-oss-120b'),
      parameters: { thinking: true, reasoningEffort: 'xhigh', maxTokens: 256, temperature: 0.6 },
    });
    expect(result.usage).toEqual({ inputTokens: 3, outputTokens: 9, reasoningTokens: 5 });
    const request = server.requests.at(-1)!;
    expect(request.path).toBe('/v1/chat/completions');
    expect(request.headers.authorization).toBe(`Bearer ${KEY}`);
    expect(request.body).toEqual({
      model: 'openai/gpt-oss-120b',
      messages: [{ role: 'user', content: 'What is 2+2?' }],
      temperature: 0.6,
      max_tokens: 256,
      reasoning: { enabled: true },
      reasoning_effort: 'high',
    });
    server.reply({ content: '4' });
    await together().chat({ ...ask('deepseek-ai/DeepSeek-V3.1'), parameters: { reasoningEffort: 'none' } });
    expect(server.requests.at(-1)?.body).toMatchObject({ reasoning: { enabled: false } });
    expect(server.requests.at(-1)?.body).not.toHaveProperty('reasoning_effort');
  });

  it('streams usage sent on the final chunk', async () => {
    server.reply({
      content: '4',
      reasoning: 'abc',
      usage: { prompt_tokens: 4, completion_tokens: 6, reasoning_tokens: 2 },
    });
    const { result } = await collect(together().stream(ask()));
    expect(result.usage).toEqual({ inputTokens: 4, outputTokens: 6, reasoningTokens: 2 });
  });

  it('asks for stream usage, so an OpenAI-style server that only sends it on request reports it', async () => {
    const openaiStyle = await startMockServer();
    try {
      openaiStyle.reply({ content: '4', usage: { prompt_tokens: 11, completion_tokens: 3 } });
      const plugin = createTogetherProvider({
        env: { TOGETHER_API_KEY: KEY, TOGETHER_BASE_URL: openaiStyle.togetherBaseURL },
      });
      const { result } = await collect(plugin.stream(ask()));
      expect(openaiStyle.requests.at(-1)?.body).toMatchObject({
        stream: true,
        stream_options: { include_usage: true },
      });
      expect(result.usage).toMatchObject({ inputTokens: 11, outputTokens: 3 });
    } finally {
      await openaiStyle.close();
    }
  });

  it('forced tool call gives the arguments as content', async () => {
    const schema = { type: 'object', properties: { answer: { type: 'number' } }, required: ['answer'] };
    server.reply({ toolCall: { name: 'answer', arguments: '{"answer": 4}' }, chunkSize: 3 });
    const { result } = await collect(
      together().stream({ ...ask(), structuredOutput: { mode: 'tool', schema, name: 'answer' } }),
    );
    expect(result.content).toBe('{"answer": 4}');
    expect(server.requests.at(-1)?.body).toMatchObject({
      tools: [{ type: 'function', function: { name: 'answer' } }],
      tool_choice: 'required',
    });
  });

  it('retries 429 (honouring retry-after-ms), 5xx, dropped connections and cut streams', async () => {
    server.fault(
      { type: 'rate-limit', retryAfterMs: 250 },
      { type: 'server-error', status: 502 },
      { type: 'drop-connection' },
    );
    server.reply({ content: '4' });
    expect((await together().chat(ask())).content).toBe('4');
    const [first, second] = server.requests;
    expect(second!.at - first!.at).toBeGreaterThanOrEqual(250);
    expect(server.requests.map((r) => r.fault)).toEqual([
      'rate-limit',
      'server-error',
      'drop-connection',
      undefined,
    ]);

    server.reset();
    server.fault({ type: 'cut-stream', afterChunks: 2 });
    server.reply({ content: 'four', reasoning: 'adding', chunkSize: 1 });
    const { events, result } = await collect(together().stream(ask()));
    expect(events.some((e) => e.type === 'retry')).toBe(true);
    expect(result).toMatchObject({ content: 'four', reasoning: 'adding' });
    expect(kept(events, 'reasoning-delta')).toBe('adding');
  });

  it('a cut stream without retries left throws stream-interrupted', async () => {
    server.fault({ type: 'cut-stream', afterChunks: 2, mode: 'end' });
    server.reply({ content: 'four', chunkSize: 1 });
    const error = await failure(collect(together({ maxRetries: 0 }).stream(ask())));
    expect(error.kind).toBe('stream-interrupted');
  });

  it('malformed JSON is retried', async () => {
    server.fault({ type: 'malformed-json' });
    server.reply({ content: '4' });
    expect((await together().chat(ask())).content).toBe('4');
  });

  it('abort is not retried', async () => {
    // The mock holds the request; the abort comes once it has arrived (an event, not a delay).
    server.fault({ type: 'latency', ms: 5_000 });
    const controller = new AbortController();
    const arrived = server.nextRequest('/chat/completions');
    const pending = failure(together().chat(ask(), { signal: controller.signal }));
    await arrived;
    controller.abort();
    const error = await pending;
    expect(error.kind).toBe('aborted');
    // A retry would be sent before the call settles: the count is final now.
    expect(server.requests).toHaveLength(1);
  });

  it('401, 404 and 400 name Together, the model and the fix; the key never shows', async () => {
    const secret = 'invalid-together-SECRET-777';
    const auth = await failure(together({ apiKey: secret }).chat(ask()));
    expect(auth.message).toBe(
      'Together rejected the API key (401) for model deepseek-ai/DeepSeek-R1 (provider together). Set TOGETHER_API_KEY to a valid key.',
    );
    expect(`${auth.message} ${JSON.stringify(auth)} ${String((auth.cause as Error).message)}`).not.toContain(
      secret,
    );

    const missing = await failure(together().chat(ask('missing/model')));
    expect(missing.kind).toBe('not-found');
    expect(missing.message).toMatch(
      /^Together does not know model missing\/model \(404\)\. Check the model id in your run config \(and TOGETHER_BASE_URL if you use another server\)\./,
    );

    const bad = await failure(together().chat({ ...ask(), parameters: { topP: 3 } }));
    expect(bad.kind).toBe('bad-request');
    expect(server.takeViolations()).toHaveLength(1);
    expect(bad.message).toBe(
      "Together rejected the request (400) for model deepseek-ai/DeepSeek-R1. Server said: Invalid 'top_p': decimal above maximum value. Expected a value <= 1, but got 3 instead. Fix the parameters in your run config.",
    );
    const none = await failure(createTogetherProvider({ env: {} }).chat(ask()));
    expect(none.message).toBe(
      'No API key for Together (provider together, model deepseek-ai/DeepSeek-R1): TOGETHER_API_KEY is not set.',
    );
    expect(none.advice).toBe(
      'Export TOGETHER_API_KEY in the shell that runs distill: `export TOGETHER_API_KEY=<your key>`.',
    );
  });
});

describe('logprobs', () => {
  it('asks with Together’s integer logprobs and reads its parallel token lists', async () => {
    server.reply({
      content: 'Verdict: pass',
      logprobs: [
        { token: 'Verdict:', logprob: -0.01 },
        { token: ' pass', logprob: Math.log(0.7) },
      ],
    });
    const result = await together().chat({ ...ask(), logprobs: { top: 5 } });
    expect(server.requests.at(-1)?.body).toMatchObject({ logprobs: 5 });
    expect(result.logprobs).toEqual([
      { token: 'Verdict:', logprob: -0.01, top: [{ token: 'Verdict:', logprob: -0.01 }] },
      { token: ' pass', logprob: Math.log(0.7), top: [{ token: ' pass', logprob: Math.log(0.7) }] },
    ]);
  });

  it('sends no logprobs and returns none when not asked', async () => {
    server.reply({ content: 'pass' });
    const result = await together().chat(ask());
    expect(server.requests.at(-1)?.body).not.toHaveProperty('logprobs');
    expect(result.logprobs).toBeUndefined();
  });
});
