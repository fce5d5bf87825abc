import { parseReasoning } from '@distillery/core';
import { describeReasoningParserContract, expectChunkingInvariant } from '@distillery/testkit/vitest';
import { describe, expect, it } from 'vitest';
import { seedOss } from './seed-oss';

describeReasoningParserContract(seedOss, {
  markers: { start: '<seed:think>', end: '</seed:think>' },
  startsInReasoning: true,
  iterations: 50,
});

describe('seed-oss', () => {
  it('keeps budget reflections inside the reasoning', () => {
    const text =
      '<seed:think>Half of 48 is 24.<seed:cot_budget_reflect>I have used 129 tokens, and there are 383 tokens remaining for use.</seed:cot_budget_reflect>48 + 24 = 72.</seed:think>Natalia sold 72 clips.';
    expect(expectChunkingInvariant(seedOss, text).result).toEqual({
      reasoning:
        'Half of 48 is 24.<seed:cot_budget_reflect>I have used 129 tokens, and there are 383 tokens remaining for use.</seed:cot_budget_reflect>48 + 24 = 72.',
      content: 'Natalia sold 72 clips.',
      truncated: false,
      hasReasoning: true,
    });
  });

  it('a zero budget gives a reflection-only block', () => {
    const text =
      '<seed:think><seed:cot_budget_reflect>I have a budget of 0, so I will answer directly.</seed:cot_budget_reflect></seed:think>72';
    expect(parseReasoning(seedOss, text)).toEqual({
      reasoning:
        '<seed:cot_budget_reflect>I have a budget of 0, so I will answer directly.</seed:cot_budget_reflect>',
      content: '72',
      truncated: false,
      hasReasoning: true,
    });
  });
});
