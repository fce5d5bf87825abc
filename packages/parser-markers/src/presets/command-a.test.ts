import { describeReasoningParserContract, expectChunkingInvariant } from '@distillery/testkit/vitest';
import { describe, expect, it } from 'vitest';
import { commandA } from './command-a';

describeReasoningParserContract(commandA, {
  markers: { start: '<|START_THINKING|>', end: '<|END_THINKING|>' },
  iterations: 40,
});

describe('command-a', () => {
  it('splits Command A Reasoning output and drops the response wrapper', () => {
    const text = '<|START_THINKING|>12 × 12 = 144.<|END_THINKING|><|START_RESPONSE|>144<|END_RESPONSE|>';
    expect(expectChunkingInvariant(commandA, text).result).toEqual({
      reasoning: '12 × 12 = 144.',
      content: '144',
      truncated: false,
      hasReasoning: true,
    });
  });
});
