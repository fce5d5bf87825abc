import { readFileSync } from 'node:fs';
import { parseReasoning } from '@distillery/core';
import { describeReasoningParserContract, expectChunkingInvariant } from '@distillery/testkit/vitest';
import { describe, expect, it } from 'vitest';
import { qwen3 } from './qwen3';

const fixture = (name: string) => readFileSync(new URL(`../__fixtures__/${name}`, import.meta.url), 'utf8');

describeReasoningParserContract(qwen3, {
  markers: { start: '<think>', end: '</think>' },
  multipleBlocks: true,
  strayEnd: 'keep',
  cases: [
    {
      name: 'a confirmed <tool_call> ends reasoning and stays in the content',
      input: '<think>call it<tool_call>\n  <function=f>x</function></tool_call>',
      expected: {
        reasoning: 'call it',
        content: '<tool_call>\n  <function=f>x</function></tool_call>',
        truncated: false,
      },
    },
    {
      name: 'a mentioned <tool_call> does not end reasoning',
      input: '<think>use <tool_call> then {json}</think>ok',
      expected: { reasoning: 'use <tool_call> then {json}', content: 'ok', truncated: false },
    },
  ],
});

describe('qwen3', () => {
  it('ends reasoning at <tool_call> followed by <function, not at a mere mention', () => {
    const text = fixture('qwen3-tool-call.txt');
    const whole = expectChunkingInvariant(qwen3, text);
    expect(whole.result.reasoning).toBe(
      '\nThe user wants the weather in Paris. I should call the get_weather tool. The format is <tool_call> with a function inside, let me do that.\n',
    );
    expect(whole.result.content).toBe(
      '<tool_call>\n<function=get_weather>\n<parameter=city>\nParis\n</parameter>\n</function>\n</tool_call>\n',
    );
    expect(whole.result.truncated).toBe(false);
  });

  it('holds <tool_call> until it can tell, and flushes it as reasoning if the stream ends first', () => {
    const parser = qwen3.create();
    expect(parser.push('<think>plan\n<tool_call>\n')).toEqual([
      { type: 'reasoning-start' },
      { type: 'reasoning-delta', text: 'plan\n' },
    ]);
    expect(parser.push('<func')).toEqual([]);
    expect(parser.state).toBe('reasoning');
    expect(parser.finish()).toEqual([
      { type: 'reasoning-delta', text: '<tool_call>\n<func' },
      { type: 'reasoning-end', truncated: true },
    ]);
  });

  it('decides on the confirmation once it arrives in a later chunk', () => {
    const parser = qwen3.create();
    parser.push('<think>plan<tool_call>');
    expect(parser.push(' \n<function=f>')).toEqual([
      { type: 'reasoning-end', truncated: false },
      { type: 'content-delta', text: '<tool_call> \n<function=f>' },
    ]);
    expect(parser.state).toBe('content');
  });

  it('starts as content when the thinking-off prompt holds an empty block', () => {
    const promptTail = '<|im_start|>assistant\n<think>\n\n</think>\n\n';
    expect(parseReasoning(qwen3, 'The answer is 4.', { promptTail })).toEqual({
      reasoning: '',
      content: 'The answer is 4.',
      truncated: false,
      hasReasoning: false,
    });
  });

  it('starts in reasoning when the prompt opened <think> (Qwen3-Thinking-2507 / Qwen3.5)', () => {
    const promptTail = '<|im_start|>assistant\n<think>\n';
    const whole = expectChunkingInvariant(qwen3, '2+2 is 4.\n</think>\n\nThe answer is 4.', { promptTail });
    expect(whole.result).toEqual({
      reasoning: '2+2 is 4.\n',
      content: '\n\nThe answer is 4.',
      truncated: false,
      hasReasoning: true,
    });
  });

  it('with thinking: false, only a leading block counts', () => {
    const leading = '<think>\n\n</think>\n\nThe answer is 4.';
    expect(parseReasoning(qwen3, leading, { thinking: false })).toMatchObject({
      reasoning: '\n\n',
      content: '\n\nThe answer is 4.',
      hasReasoning: true,
    });
    const later = 'The answer is 4. <think>not a block</think>';
    expect(parseReasoning(qwen3, later, { thinking: false })).toMatchObject({
      content: later,
      hasReasoning: false,
    });
  });
});
