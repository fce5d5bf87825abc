import { describeReasoningParserContract, expectChunkingInvariant } from '@distillery/testkit/vitest';
import { describe, expect, it } from 'vitest';
import { step3 } from './step3';

describeReasoningParserContract(step3, {
  markers: { start: '<think>', end: '</think>' },
  startsInReasoning: true,
  iterations: 50,
});

describe('step3', () => {
  it('everything before the only marker, </think>, is reasoning', () => {
    const text = 'The square root of 144 is 12 because 12 × 12 = 144.\n</think>\n12';
    expect(expectChunkingInvariant(step3, text).result).toEqual({
      reasoning: 'The square root of 144 is 12 because 12 × 12 = 144.\n',
      content: '\n12',
      truncated: false,
      hasReasoning: true,
    });
  });
});
