import { describeReasoningParserContract, expectChunkingInvariant } from '@distillery/testkit/vitest';
import { describe, expect, it } from 'vitest';
import { graniteTags } from './granite-tags';

describeReasoningParserContract(graniteTags, {
  markers: { start: '<think>', end: '</think>' },
  iterations: 40,
});

describe('granite-tags', () => {
  it('splits a Granite 3.3 answer and drops the <response> wrapper', () => {
    const text = '<think>15% of 80: 0.15 × 80 = 12.</think><response>15% of 80 is **12**.</response>';
    expect(expectChunkingInvariant(graniteTags, text).result).toEqual({
      reasoning: '15% of 80: 0.15 × 80 = 12.',
      content: '15% of 80 is **12**.',
      truncated: false,
      hasReasoning: true,
    });
  });
});
