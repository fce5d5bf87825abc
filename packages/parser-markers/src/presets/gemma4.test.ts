import { describeReasoningParserContract, expectChunkingInvariant } from '@distillery/testkit/vitest';
import { describe, expect, it } from 'vitest';
import { gemma4 } from './gemma4';

describeReasoningParserContract(gemma4, {
  markers: { start: '<|channel>thought\n', end: '<channel|>' },
  iterations: 40,
});

describe('gemma4', () => {
  it('splits a thought channel from the answer', () => {
    const text = '<|channel>thought\n9 × 9 = 81.<channel|>81';
    expect(expectChunkingInvariant(gemma4, text).result).toEqual({
      reasoning: '9 × 9 = 81.',
      content: '81',
      truncated: false,
      hasReasoning: true,
    });
  });
});
