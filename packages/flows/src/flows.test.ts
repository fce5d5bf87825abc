import {
  COT_FINAL_ANSWER_PROMPT,
  DEFAULT_THINKING_INSTRUCTION,
  type FlowEvent,
  type TaskOutput,
} from '@distillery/core';
import { deepseekR1, thinkTags } from '@distillery/parser-deepseek';
import { describe, expect, it } from 'vitest';
import { scriptedProvider } from './__fixtures__/scripted-provider';
import { chainOfThoughtFlow, reasoningModelFlow, StructuredOutputError, singleTurnFlow } from './index';

const prompt = { system: 'Solve the problem.', thinkingInstruction: 'Show each calculation.' };

describe('single-turn flow', () => {
  it('sends system and user, returns the answer and the trace', async () => {
    const provider = scriptedProvider([{ content: '4' }]);
    const out = await singleTurnFlow.run({ provider, model: 'm', prompt, input: '2+2?' });
    expect(provider.requests[0]!.messages).toEqual([
      { role: 'system', content: 'Solve the problem.' },
      { role: 'user', content: '2+2?' },
    ]);
    expect(out).toMatchObject({ content: '4', reasoning: null, reasoningOrigin: null, finishReason: 'stop' });
    expect(out.trace.at(-1)).toEqual({ role: 'assistant', content: '4' });
  });

  it('asks for structured output and parses it, and sends non-string inputs as compact JSON', async () => {
    const provider = scriptedProvider([{ content: '```json\n{"answer": 4}\n```' }]);
    const schema = { type: 'object', properties: { answer: { type: 'number' } } };
    const out = await singleTurnFlow.run({
      provider,
      model: 'm',
      prompt,
      input: { a: 2, b: 2 },
      outputSchema: schema,
    });
    expect(provider.requests[0]!.structuredOutput).toEqual({
      mode: 'json_schema',
      schema,
      name: 'task_output',
    });
    expect(provider.requests[0]!.messages[1]).toEqual({ role: 'user', content: '{"a":2,"b":2}' });
    expect(out.structured).toEqual({ answer: 4 });
  });

  it('fails clearly when a structured answer is not JSON', async () => {
    const provider = scriptedProvider([{ content: 'four' }]);
    const run = singleTurnFlow.run({
      provider,
      model: 'm',
      prompt,
      input: 'x',
      outputSchema: { type: 'object' },
    });
    await expect(run).rejects.toSatisfy((e: unknown) => StructuredOutputError.isInstance(e));
  });
});

describe('chain-of-thought flow', () => {
  it('uses the exact two-call conversation, structured output only on the final call', async () => {
    const provider = scriptedProvider([{ content: '2 plus 2 is 4.' }, { content: '{"answer":4}' }]);
    const schema = { type: 'object' };
    const out = await chainOfThoughtFlow.run({
      provider,
      model: 'm',
      prompt: { system: 'Solve.' },
      input: '2+2?',
      outputSchema: schema,
    });
    const [thinking, final] = provider.requests;
    expect(thinking!.messages).toEqual([
      { role: 'system', content: 'Solve.' },
      { role: 'user', content: '2+2?' },
      { role: 'user', content: DEFAULT_THINKING_INSTRUCTION },
    ]);
    expect(thinking!.structuredOutput).toBeUndefined();
    expect(final!.messages).toEqual([
      ...thinking!.messages,
      { role: 'assistant', content: '2 plus 2 is 4.' },
      { role: 'user', content: COT_FINAL_ANSWER_PROMPT },
    ]);
    expect(final!.structuredOutput).toEqual({ mode: 'json_schema', schema, name: 'task_output' });
    expect(out).toMatchObject({
      reasoning: '2 plus 2 is 4.',
      reasoningOrigin: 'cot-turn',
      structured: { answer: 4 },
    });
    expect(out.trace).toHaveLength(6);
    expect(out.usage).toEqual({ inputTokens: 20, outputTokens: '2 plus 2 is 4.'.length + 12 });
    expect(out.calls).toHaveLength(2);
  });

  it("replaces the default thinking instruction with the prompt's", async () => {
    const provider = scriptedProvider([{ content: 'r' }, { content: 'a' }]);
    await chainOfThoughtFlow.run({ provider, model: 'm', prompt, input: 'q' });
    expect(provider.requests[0]!.messages[2]).toEqual({ role: 'user', content: 'Show each calculation.' });
  });

  it('streams the thinking turn as reasoning and the final turn as the answer', async () => {
    const provider = scriptedProvider([{ content: 'thinking hard' }, { content: 'done' }]);
    const events: FlowEvent[] = [];
    await chainOfThoughtFlow.run({
      provider,
      model: 'm',
      prompt,
      input: 'q',
      stream: true,
      onEvent: (e) => events.push(e),
    });
    const text = (type: string) =>
      events
        .filter((e) => e.type === type)
        .map((e) => ('text' in e ? e.text : ''))
        .join('');
    expect(text('reasoning-delta')).toBe('thinking hard');
    expect(text('content-delta')).toBe('done');
  });
});

describe('reasoning-model flow', () => {
  it('appends the thinking instruction to the system prompt and takes reasoning from the field', async () => {
    const provider = scriptedProvider([{ reasoning: 'Let me add.', content: '4' }]);
    const out = await reasoningModelFlow.run({ provider, model: 'm', prompt, input: '2+2?' });
    expect(provider.requests[0]!.messages[0]).toEqual({
      role: 'system',
      content: 'Solve the problem.\n\nShow each calculation.',
    });
    expect(out).toMatchObject({ reasoning: 'Let me add.', reasoningOrigin: 'model-field', content: '4' });
    expect(out.trace.at(-1)).toEqual({ role: 'assistant', content: '4', reasoning: 'Let me add.' });
  });

  it('parses inline reasoning with the parser, whole and streamed alike', async () => {
    const text = 'Let me add: 2+2=4.\n</think>\n\n4';
    const whole = await reasoningModelFlow.run({
      provider: scriptedProvider([{ content: text }]),
      model: 'm',
      prompt,
      input: 'q',
      parser: deepseekR1,
    });
    const streamed = await reasoningModelFlow.run({
      provider: scriptedProvider([{ content: text, chunkSize: 1 }]),
      model: 'm',
      prompt,
      input: 'q',
      parser: deepseekR1,
      stream: true,
    });
    const pick = (o: TaskOutput) => [o.reasoning, o.content, o.reasoningOrigin, o.reasoningTruncated];
    expect(pick(whole)).toEqual(['Let me add: 2+2=4.\n', '\n\n4', 'parsed-tags', false]);
    expect(pick(streamed)).toEqual(pick(whole));
  });

  it('never duplicates reasoning sent both in a field and as tags', async () => {
    const turn = { reasoning: 'field thoughts', content: '<think>field thoughts</think>answer' };
    for (const stream of [false, true]) {
      const out = await reasoningModelFlow.run({
        provider: scriptedProvider([{ ...turn }]),
        model: 'm',
        prompt,
        input: 'q',
        parser: thinkTags,
        stream,
      });
      expect([out.reasoning, out.content]).toEqual(['field thoughts', 'answer']);
    }
  });

  it('keeps an R1 answer whose reasoning came in a field, even with the R1 parser', async () => {
    const out = await reasoningModelFlow.run({
      provider: scriptedProvider([{ reasoning: 'r', content: 'The answer is 4.' }]),
      model: 'm',
      prompt,
      input: 'q',
      parser: deepseekR1,
    });
    expect([out.reasoning, out.content]).toEqual(['r', 'The answer is 4.']);
  });

  it('flags reasoning cut off by the token limit', async () => {
    const out = await reasoningModelFlow.run({
      provider: scriptedProvider([{ content: 'still thinking about', finishReason: 'length' }]),
      model: 'm',
      prompt,
      input: 'q',
      parser: deepseekR1,
    });
    expect(out).toMatchObject({ reasoning: 'still thinking about', content: '', reasoningTruncated: true });
  });

  it('reads an unclosed template-opened block as the answer when the model stopped, whole and streamed', async () => {
    for (const stream of [false, true]) {
      const events: FlowEvent[] = [];
      const out = await reasoningModelFlow.run({
        provider: scriptedProvider([{ content: 'The answer is 4.', finishReason: 'stop', chunkSize: 3 }]),
        model: 'm',
        prompt,
        input: 'q',
        parser: deepseekR1,
        stream,
        onEvent: (e) => events.push(e),
      });
      expect(out).toMatchObject({
        reasoning: null,
        reasoningOrigin: null,
        content: 'The answer is 4.',
        reasoningTruncated: false,
      });
      if (stream) {
        const shown = events
          .filter((e) => e.type === 'content-delta')
          .map((e) => (e as { text: string }).text);
        expect(shown.join('')).toBe('The answer is 4.');
      }
    }
  });

  it('drops partial output when a stream is retried', async () => {
    const events: FlowEvent[] = [];
    const out = await reasoningModelFlow.run({
      provider: scriptedProvider([{ reasoning: 'abcdef', content: 'answer', breakAfter: 3 }]),
      model: 'm',
      prompt,
      input: 'q',
      stream: true,
      onEvent: (e) => events.push(e),
    });
    expect([out.reasoning, out.content]).toEqual(['abcdef', 'answer']);
    expect(events.some((e) => e.type === 'retry')).toBe(true);
  });
});
