import { parseReasoning } from '@distillery/core';
import { describeReasoningParserContract, expectChunkingInvariant } from '@distillery/testkit/vitest';
import { describe, expect, it } from 'vitest';
import { glm45 } from './glm45';

describeReasoningParserContract(glm45, {
  markers: { start: '<think>', end: '</think>' },
  multipleBlocks: true,
  iterations: 50,
});

describe('glm45', () => {
  it('splits a GLM-4.6 answer with interleaved thinking around a tool call', () => {
    const text =
      '<think>The user wants the weather. I should call get_weather.</think>\n' +
      '<tool_call>get_weather\n<arg_key>city</arg_key>\n<arg_value>Beijing</arg_value>\n</tool_call>' +
      '<think>It is 21°C and sunny.</think>\nIt is 21°C and sunny in Beijing.';
    expect(expectChunkingInvariant(glm45, text).result).toEqual({
      reasoning: 'The user wants the weather. I should call get_weather.\nIt is 21°C and sunny.',
      content:
        '\n<tool_call>get_weather\n<arg_key>city</arg_key>\n<arg_value>Beijing</arg_value>\n</tool_call>\nIt is 21°C and sunny in Beijing.',
      truncated: false,
      hasReasoning: true,
    });
  });

  it('keeps an unclosed block as truncated reasoning, not content with a literal <think>', () => {
    expect(parseReasoning(glm45, '<think>Let me add 17 and 25: that is', { finishReason: 'length' })).toEqual(
      {
        reasoning: 'Let me add 17 and 25: that is',
        content: '',
        truncated: true,
        hasReasoning: true,
      },
    );
  });

  it('starts as content after the thinking-off template block', () => {
    expect(parseReasoning(glm45, '42', { promptTail: '<|assistant|>\n<think></think>\n' })).toEqual({
      reasoning: '',
      content: '42',
      truncated: false,
      hasReasoning: false,
    });
  });
});
