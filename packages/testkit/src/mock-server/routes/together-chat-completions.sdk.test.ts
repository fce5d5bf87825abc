import Together from 'together-ai';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { failOnSpecViolations } from '../spec/fail-on-spec-violations';
import { type MockServer, startMockServer } from '../start-mock-server';

// Every chunk and every answer the mock sends is checked against Together's
// `ChatCompletionStream` / `ChatCompletionResponse`: a mismatch fails the test that caused it.
failOnSpecViolations();

let server: MockServer;
let client: Together;

beforeAll(async () => {
  server = await startMockServer();
  client = new Together({ apiKey: 'tg-test', baseURL: server.togetherBaseURL, maxRetries: 0 });
});
beforeEach(() => server.reset());
afterAll(() => server.close());

const messages = [{ role: 'user' as const, content: 'What is 2+2?' }];
const tools: Together.Chat.CompletionCreateParams['tools'] = [
  {
    type: 'function',
    function: {
      name: 'answer',
      description: 'Give the answer',
      parameters: { type: 'object', properties: { value: { type: 'number' } } },
    },
  },
];

describe('official together-ai SDK against the mock', () => {
  it('streams reasoning and content in chunks that each carry the role, as Together sends them', async () => {
    server.reply({
      content: 'The answer is 4.',
      reasoning: 'Two and two',
      chunkSize: 3,
      finishReason: 'eos',
    });
    const stream = await client.chat.completions.create({
      model: 'Qwen/Qwen3-8B',
      messages,
      reasoning: { enabled: true },
      stream: true,
    });
    const chunks: Together.Chat.ChatCompletionChunk[] = [];
    for await (const chunk of stream) chunks.push(chunk);
    const deltas = chunks.flatMap((c) => c.choices.map((choice) => choice.delta));
    expect(deltas.every((d) => d.role === 'assistant')).toBe(true);
    expect(deltas.map((d) => d.reasoning ?? '').join('')).toBe('Two and two');
    expect(deltas.map((d) => d.content ?? '').join('')).toBe('The answer is 4.');
    expect(chunks.at(-1)?.choices[0]?.finish_reason).toBe('eos');
    expect(chunks.at(-1)?.usage?.total_tokens).toBeGreaterThan(0);
  });

  it('streams a tool call whole, with its id, type, name and arguments', async () => {
    server.reply({ toolCall: { name: 'answer', arguments: '{"value":4}' }, chunkSize: 2 });
    const stream = await client.chat.completions.create({
      model: 'Qwen/Qwen3-8B',
      messages,
      tools,
      stream: true,
    });
    const calls: Together.Chat.ChatCompletionChunk.Choice.Delta['tool_calls'] = [];
    let finish: string | null | undefined;
    for await (const chunk of stream) {
      calls.push(...(chunk.choices[0]?.delta.tool_calls ?? []));
      finish = chunk.choices[0]?.finish_reason ?? finish;
    }
    expect(calls).toHaveLength(1);
    expect(calls[0]).toMatchObject({
      index: 0,
      type: 'function',
      function: { name: 'answer', arguments: '{"value":4}' },
    });
    expect(calls[0]?.id).toMatch(/^call_/);
    expect(finish).toBe('tool_calls');
  });

  it('answers a whole completion, a tool call included, in Together’s response shape', async () => {
    server.reply({ content: '4', reasoning: 'Two and two' });
    const completion = await client.chat.completions.create({
      model: 'Qwen/Qwen3-8B',
      messages,
      reasoning: { enabled: true },
    });
    expect(completion.choices[0]?.message).toMatchObject({
      role: 'assistant',
      content: '4',
      reasoning: 'Two and two',
    });
    server.reply({ toolCall: { name: 'answer', arguments: '{"value":4}' } });
    const called = await client.chat.completions.create({ model: 'Qwen/Qwen3-8B', messages, tools });
    expect(called.choices[0]?.message?.tool_calls?.[0]).toMatchObject({
      index: 0,
      type: 'function',
      function: { name: 'answer', arguments: '{"value":4}' },
    });
  });
});
