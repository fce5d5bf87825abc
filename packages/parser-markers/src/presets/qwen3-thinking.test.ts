import { parseReasoning } from '@distillery/core';
import { describeReasoningParserContract, expectChunkingInvariant } from '@distillery/testkit/vitest';
import { describe, expect, it } from 'vitest';
import { qwen3Thinking } from './qwen3-thinking';

describeReasoningParserContract(qwen3Thinking, {
  markers: { start: '<think>', end: '</think>' },
  startsInReasoning: true,
  multipleBlocks: true,
  iterations: 50,
});

describe('qwen3-thinking', () => {
  it('splits Thinking-2507 output (only </think> in it)', () => {
    const text = 'The user asks 2+2. That is 4.\n</think>\n\nThe answer is 4.';
    expect(expectChunkingInvariant(qwen3Thinking, text).result).toEqual({
      reasoning: 'The user asks 2+2. That is 4.\n',
      content: '\n\nThe answer is 4.',
      truncated: false,
      hasReasoning: true,
    });
  });

  it('ends at a tool call started before </think>', () => {
    expect(parseReasoning(qwen3Thinking, 'Need weather.\n<tool_call>\n<function=get_weather>')).toEqual({
      reasoning: 'Need weather.\n',
      content: '<tool_call>\n<function=get_weather>',
      truncated: false,
      hasReasoning: true,
    });
  });
});
