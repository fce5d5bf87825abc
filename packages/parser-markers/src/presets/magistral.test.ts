import { parseReasoning } from '@distillery/core';
import { describeReasoningParserContract, expectChunkingInvariant } from '@distillery/testkit/vitest';
import { describe, expect, it } from 'vitest';
import { magistral } from './magistral';

describeReasoningParserContract(magistral, {
  markers: { start: '[THINK]', end: '[/THINK]' },
  multipleBlocks: true,
  strayEnd: 'strip',
  iterations: 50,
});

describe('magistral', () => {
  it('splits a Magistral Small 2509 answer', () => {
    const text =
      '[THINK]The user asks for 15% of 80. 10% is 8 and 5% is 4, so 15% is 12.[/THINK]15% of 80 is **12**.\n';
    expect(expectChunkingInvariant(magistral, text).result).toEqual({
      reasoning: 'The user asks for 15% of 80. 10% is 8 and 5% is 4, so 15% is 12.',
      content: '15% of 80 is **12**.\n',
      truncated: false,
      hasReasoning: true,
    });
  });

  it('removes a stray [/THINK] and keeps output without [THINK] as content', () => {
    expect(parseReasoning(magistral, 'so 12.[/THINK]The answer is 12.')).toMatchObject({
      content: 'so 12.The answer is 12.',
      hasReasoning: false,
    });
  });
});
