import { parseReasoning } from '@distillery/core';
import { describeReasoningParserContract, expectChunkingInvariant } from '@distillery/testkit/vitest';
import { describe, expect, it } from 'vitest';
import { kimiK2 } from './kimi-k2';

describeReasoningParserContract(kimiK2, {
  markers: { start: '<think>', end: '</think>' },
  startsInReasoning: true,
  multipleBlocks: true,
  iterations: 50,
});

describe('kimi-k2', () => {
  it('splits a K2-Thinking answer whose opener the model wrote', () => {
    const text = '<think>48 + 24 = 72.</think>Natalia sold 72 clips.';
    expect(expectChunkingInvariant(kimiK2, text).result).toEqual({
      reasoning: '48 + 24 = 72.',
      content: 'Natalia sold 72 clips.',
      truncated: false,
      hasReasoning: true,
    });
  });

  it('ends reasoning at the tool-call section and keeps it in the content', () => {
    const text =
      '<think>I need the weather first.<|tool_calls_section_begin|><|tool_call_begin|>functions.get_weather:0<|tool_call_argument_begin|>{"city":"Paris"}<|tool_call_end|><|tool_calls_section_end|>';
    expect(expectChunkingInvariant(kimiK2, text).result).toEqual({
      reasoning: 'I need the weather first.',
      content:
        '<|tool_calls_section_begin|><|tool_call_begin|>functions.get_weather:0<|tool_call_argument_begin|>{"city":"Paris"}<|tool_call_end|><|tool_calls_section_end|>',
      truncated: false,
      hasReasoning: true,
    });
  });

  it('thinking: false reads an unmarked answer as content', () => {
    expect(parseReasoning(kimiK2, 'Paris.', { thinking: false })).toMatchObject({
      content: 'Paris.',
      hasReasoning: false,
    });
  });
});
