import { describeReasoningParserContract, expectChunkingInvariant } from '@distillery/testkit/vitest';
import { describe, expect, it } from 'vitest';
import { olmo3 } from './olmo3';

describeReasoningParserContract(olmo3, {
  markers: { start: '<think>', end: '</think>' },
  startsInReasoning: true,
  iterations: 50,
});

describe('olmo3', () => {
  it('splits Olmo 3 Think output streamed in small text pieces', () => {
    const text = 'Okay, 17 × 3 = 51.</think>17 × 3 = **51**.';
    expect(expectChunkingInvariant(olmo3, text).result).toEqual({
      reasoning: 'Okay, 17 × 3 = 51.',
      content: '17 × 3 = **51**.',
      truncated: false,
      hasReasoning: true,
    });
  });
});
