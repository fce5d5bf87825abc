import { parseReasoning } from '@distillery/core';
import { describeReasoningParserContract, expectChunkingInvariant } from '@distillery/testkit/vitest';
import { describe, expect, it } from 'vitest';
import { hunyuanA13b } from './hunyuan-a13b';

describeReasoningParserContract(hunyuanA13b, {
  markers: { start: '<think>', end: '</think>' },
  iterations: 40,
});

describe('hunyuan-a13b', () => {
  it('splits slow-thinking output and drops the <answer> wrapper', () => {
    const text = '<think>\n6 × 7: six sevens are 42.\n</think>\n<answer>\n6 × 7 = 42\n</answer>';
    expect(expectChunkingInvariant(hunyuanA13b, text).result).toEqual({
      reasoning: '\n6 × 7: six sevens are 42.\n',
      content: '\n\n6 × 7 = 42\n',
      truncated: false,
      hasReasoning: true,
    });
    expect(parseReasoning(hunyuanA13b, text, { trim: true })).toMatchObject({
      reasoning: '6 × 7: six sevens are 42.',
      content: '6 × 7 = 42',
    });
  });

  it('gives an empty block in fast mode', () => {
    const text = '<think>\n\n</think>\n<answer>\n42\n</answer>';
    expect(parseReasoning(hunyuanA13b, text, { trim: true })).toEqual({
      reasoning: '',
      content: '42',
      truncated: false,
      hasReasoning: true,
    });
  });
});
