import { type ChatResult, type ChatStreamEvent, ProviderError } from '@distillery/core';
import { type MockServer, startMockServer } from '@distillery/testkit';
import { failOnSpecViolations } from '@distillery/testkit/vitest';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import provider, { createAnthropicProvider } from './index';

failOnSpecViolations();

const KEY = 'sk-ant-api03-SECRET-xyz789';
let server: MockServer;

beforeAll(async () => {
  server = await startMockServer();
});
beforeEach(() => server.reset());
afterAll(() => server.close());

const anthropic = (extra: Parameters<typeof createAnthropicProvider>[0] = {}) =>
  createAnthropicProvider({
    env: { ANTHROPIC_API_KEY: KEY, ANTHROPIC_BASE_URL: server.anthropicBaseURL },
    retry: { initialDelayMs: 1, maxDelayMs: 5 },
    ...extra,
  });
const ask = (model = 'claude-sonnet-4-5') => ({
  model,
  messages: [
    { role: 'system' as const, content: 'Be brief.' },
    { role: 'user' as const, content: 'What is 2+2?' },
  ],
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

describe('extended thinking', () => {
  it('works from env alone and sends thinking with display summarized, system apart', async () => {
    const plugin = provider({ env: { ANTHROPIC_API_KEY: KEY, ANTHROPIC_BASE_URL: server.anthropicBaseURL } });
    expect(plugin).toMatchObject({ specificationVersion: 'v1', kind: 'model-provider', id: 'anthropic' });
    server.reply({ content: '4', reasoning: 'Two and two.', thinkingSignature: 'sig-abc' });
    const result = await plugin.chat({ ...ask(), parameters: { maxTokens: 4000 } });
    expect(result).toMatchObject({
      content: '4',
      reasoning: 'Two and two.',
      reasoningExposure: 'summary',
      reasoningMetadata: {
        thinking_blocks: [{ type: 'thinking', thinking: 'Two and two.', signature: 'sig-abc' }],
      },
      finishReason: 'stop',
      rawFinishReason: 'end_turn',
    });
    const request = server.requests.at(-1)!;
    expect(request.path).toBe('/v1/messages');
    expect(request.headers.authorization ?? request.headers['x-api-key']).toContain(KEY);
    expect(request.headers['anthropic-version']).toBeTruthy();
    expect(request.body).toEqual({
      model: 'claude-sonnet-4-5',
      max_tokens: 4000,
      system: 'Be brief.',
      messages: [{ role: 'user', content: 'What is 2+2?' }],
      thinking: { type: 'enabled', budget_tokens: 2000, display: 'summarized' },
    });
  });

  it('uses adaptive thinking and output_config.effort where the model supports it, budgets when asked', async () => {
    server.reply({ content: '4', reasoning: 'r' });
    await anthropic().chat({
      ...ask('claude-opus-4-6'),
      parameters: { maxTokens: 8000, reasoningEffort: 'high' },
    });
    expect(server.requests.at(-1)?.body).toMatchObject({
      thinking: { type: 'adaptive', display: 'summarized' },
      output_config: { effort: 'high' },
    });
    server.reply({ content: '4', reasoning: 'r' });
    await anthropic().chat({
      ...ask('claude-opus-4-6'),
      parameters: { maxTokens: 8000, thinkingBudgetTokens: 2048 },
    });
    expect(server.requests.at(-1)?.body).toMatchObject({
      thinking: { type: 'enabled', budget_tokens: 2048, display: 'summarized' },
    });
    server.reply({ content: '4' });
    await anthropic().chat({ ...ask(), parameters: { thinking: false, temperature: 0.3, maxTokens: 100 } });
    expect(server.requests.at(-1)?.body).toMatchObject({ temperature: 0.3 });
    expect(server.requests.at(-1)?.body).not.toHaveProperty('thinking');
  });

  it('keeps redacted thinking opaque and sends the blocks back unchanged', async () => {
    server.reply({
      content: '4',
      reasoning: 'think',
      thinkingSignature: 'sig-1',
      redactedThinking: 'ENCRYPTED==',
    });
    const first = await anthropic().chat({ ...ask(), parameters: { maxTokens: 4000 } });
    const blocks = [
      { type: 'thinking', thinking: 'think', signature: 'sig-1' },
      { type: 'redacted_thinking', data: 'ENCRYPTED==' },
    ];
    expect(first.reasoningMetadata).toEqual({ thinking_blocks: blocks });
    expect(first.reasoning).toBe('think');

    server.reply({ content: 'ok' });
    await anthropic().chat({
      model: 'claude-sonnet-4-5',
      parameters: { maxTokens: 4000 },
      messages: [
        { role: 'user', content: 'What is 2+2?' },
        {
          role: 'assistant',
          content: first.content,
          reasoning: first.reasoning ?? '',
          reasoningMetadata: first.reasoningMetadata,
        },
        { role: 'user', content: 'Sure?' },
      ],
    });
    const body = server.requests.at(-1)?.body as { messages: unknown[] };
    expect(body.messages[1]).toEqual({
      role: 'assistant',
      content: [...blocks, { type: 'text', text: '4' }],
    });
  });

  it('streams thinking_delta and signature_delta by single code units, same result as a whole answer', async () => {
    const thinking = 'Deux plus deux… 👍🏽 = 4';
    server.reply({
      content: 'Quatre ✅',
      reasoning: thinking,
      thinkingSignature: 'sig-stream',
      chunkSize: 1,
      splitMode: 'code-unit',
    });
    const { events, result } = await collect(
      anthropic().stream({ ...ask(), parameters: { maxTokens: 4000 } }),
    );
    expect(result.reasoning).toBe(thinking);
    expect(result.content).toBe('Quatre ✅');
    expect(kept(events, 'reasoning-delta')).toBe(thinking);
    expect(kept(events, 'content-delta')).toBe('Quatre ✅');
    expect(result.reasoningMetadata).toEqual({
      thinking_blocks: [{ type: 'thinking', thinking, signature: 'sig-stream' }],
    });
    expect(server.requests.at(-1)?.body).toMatchObject({ stream: true });
  });

  it('reports thinking tokens and streams internally for a large max_tokens', async () => {
    server.reply({
      content: '4',
      reasoning: 'abc',
      usage: { prompt_tokens: 11, completion_tokens: 40, reasoning_tokens: 30 },
    });
    const result = await anthropic().chat(ask());
    expect(server.requests.at(-1)?.body).toMatchObject({ stream: true, max_tokens: 32_000 });
    expect(result.usage.inputTokens).toBe(11);
    expect(result.usage.reasoningTokens).toBe(30);
    expect(result.reasoning).toBe('abc');
  });
});

describe('structured output', () => {
  const schema = { type: 'object', properties: { answer: { type: 'number' } }, required: ['answer'] };
  it('forces a tool call without thinking; content is the tool input JSON', async () => {
    server.reply({ toolCall: { name: 'answer', arguments: '{"answer":4}' } });
    const result = await anthropic().chat({
      ...ask(),
      parameters: { thinking: false, maxTokens: 500 },
      structuredOutput: { mode: 'tool', schema, name: 'answer' },
    });
    expect(result.content).toBe('{"answer":4}');
    expect(result.finishReason).toBe('stop');
    expect(server.requests.at(-1)?.body).toMatchObject({
      tools: [{ name: 'answer', input_schema: { ...schema, additionalProperties: false } }],
      tool_choice: { type: 'tool', name: 'answer' },
    });
    server.reply({ toolCall: { name: 'answer', arguments: '{"answer":4}' }, chunkSize: 3 });
    const { result: streamed } = await collect(
      anthropic().stream({
        ...ask(),
        parameters: { thinking: false, maxTokens: 500 },
        structuredOutput: { mode: 'tool', schema, name: 'answer' },
      }),
    );
    expect(streamed.content).toBe('{"answer":4}');
  });

  it('uses output_config.format with thinking, and refuses json_object', async () => {
    server.reply({ content: '{"answer":4}', reasoning: 'r' });
    await anthropic().chat({
      ...ask(),
      parameters: { maxTokens: 4000 },
      structuredOutput: { mode: 'tool', schema },
    });
    expect(server.requests.at(-1)?.body).toMatchObject({
      output_config: { format: { type: 'json_schema', schema: { ...schema, additionalProperties: false } } },
    });
    expect(server.requests.at(-1)?.body).not.toHaveProperty('tool_choice');
    const error = await failure(anthropic().chat({ ...ask(), structuredOutput: { mode: 'json_object' } }));
    expect(error.message).toBe(
      "Anthropic has no JSON-object mode (model claude-sonnet-4-5). Use structuredOutputMode 'json_schema' or 'tool' with an output schema.",
    );
  });
});

describe('reliability and errors', () => {
  it('retries 429 honouring retry-after-ms, 529 overloaded and dropped connections', async () => {
    server.fault(
      { type: 'rate-limit', retryAfterMs: 250 },
      { type: 'server-error', status: 529 },
      { type: 'drop-connection' },
    );
    server.reply({ content: '4', reasoning: 'r' });
    expect((await anthropic().chat({ ...ask(), parameters: { maxTokens: 4000 } })).content).toBe('4');
    const [first, second] = server.requests;
    expect(second!.at - first!.at).toBeGreaterThanOrEqual(250);
    expect(server.requests).toHaveLength(4);
  });

  it('retries a stream cut before message_stop, or throws stream-interrupted when out of retries', async () => {
    server.fault({ type: 'cut-stream', afterChunks: 4 });
    server.reply({ content: 'four', reasoning: 'adding up', chunkSize: 1 });
    const { events, result } = await collect(
      anthropic().stream({ ...ask(), parameters: { maxTokens: 4000 } }),
    );
    expect(events.some((e) => e.type === 'retry')).toBe(true);
    expect(result).toMatchObject({ content: 'four', reasoning: 'adding up' });
    expect(kept(events, 'reasoning-delta')).toBe('adding up');

    server.reset();
    server.fault({ type: 'cut-stream', afterChunks: 4, mode: 'end' });
    server.reply({ content: 'four', reasoning: 'adding up', chunkSize: 1 });
    const error = await failure(
      collect(anthropic({ maxRetries: 0 }).stream({ ...ask(), parameters: { maxTokens: 4000 } })),
    );
    expect(error.message).toBe(
      'Anthropic stream for model claude-sonnet-4-5 broke off before it finished (the server closed the stream before message_stop). Try again.',
    );
  });

  it('an abort is not retried', async () => {
    // The mock holds the request; the abort comes once it has arrived (an event, not a delay).
    server.fault({ type: 'latency', ms: 5_000 });
    const controller = new AbortController();
    const arrived = server.nextRequest('/v1/messages');
    const pending = failure(
      anthropic().chat({ ...ask(), parameters: { maxTokens: 4000 } }, { signal: controller.signal }),
    );
    await arrived;
    controller.abort();
    const error = await pending;
    expect(error.kind).toBe('aborted');
    // A retry would be sent before the call settles: the count is final now.
    expect(server.requests).toHaveLength(1);
  });

  it('401, 404 and 400 say what to do and never show the key', async () => {
    const secret = 'invalid-anthropic-SECRET-4242';
    const auth = await failure(
      anthropic({ apiKey: secret }).chat({ ...ask(), parameters: { maxTokens: 4000 } }),
    );
    expect(auth.message).toBe(
      'Anthropic rejected the API key (401) for model claude-sonnet-4-5 (provider anthropic). Set ANTHROPIC_API_KEY to a valid key.',
    );
    expect(`${auth.message} ${JSON.stringify(auth)} ${String((auth.cause as Error).message)}`).not.toContain(
      secret,
    );

    const missing = await failure(
      anthropic().chat({ ...ask('missing-claude'), parameters: { maxTokens: 4000 } }),
    );
    expect(missing.kind).toBe('not-found');
    expect(missing.message).toMatch(
      /^Anthropic does not know model missing-claude \(404\)\. Check the model id in your run config/,
    );

    const bad = await failure(
      anthropic().chat({ ...ask(), parameters: { thinking: false, temperature: 1.5, maxTokens: 100 } }),
    );
    expect(bad).toMatchObject({ kind: 'bad-request', status: 400 });
    expect(server.takeViolations()).toHaveLength(1);
    expect(bad.message).toBe(
      'Anthropic rejected the request (400) for model claude-sonnet-4-5. Server said: temperature: Input should be less than or equal to 1. Fix the parameters in your run config.',
    );
    server.reply({ content: '4', reasoning: 'r' });
    const ok = await anthropic().chat({ ...ask(), parameters: { maxTokens: 4000 } });
    expect(JSON.stringify(ok)).not.toContain(KEY);
  });
});

describe('logprobs', () => {
  it('ignores a request for logprobs (Messages has none): nothing extra is sent, none come back', async () => {
    server.reply({ content: 'pass' });
    const result = await anthropic().chat({ ...ask(), logprobs: { top: 5 } });
    expect(result.content).toBe('pass');
    expect(server.requests.at(-1)?.body).not.toHaveProperty('logprobs');
    expect(result.logprobs).toBeUndefined();
  });
});
