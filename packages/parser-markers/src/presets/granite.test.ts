import { parseReasoning } from '@distillery/core';
import { describeReasoningParserContract, expectChunkingInvariant } from '@distillery/testkit/vitest';
import { describe, expect, it } from 'vitest';
import { granite } from './granite';

describeReasoningParserContract(granite, {
  markers: { start: 'Here is my thought process:', end: 'Here is my response:' },
  iterations: 40,
});

describe('granite', () => {
  it('splits a Granite 3.2 answer with the prose markers', () => {
    const text =
      'Here is my thought process:\nThe user asks for 15% of 80. 10% is 8 and 5% is 4, so 12.\n\nHere is my response:\n15% of 80 is 12.';
    expect(expectChunkingInvariant(granite, text).result).toEqual({
      reasoning: '\nThe user asks for 15% of 80. 10% is 8 and 5% is 4, so 12.\n\n',
      content: '\n15% of 80 is 12.',
      truncated: false,
      hasReasoning: true,
    });
  });

  it("accepts the Here's variants", () => {
    expect(
      parseReasoning(granite, "Here's my thought process: 2+2=4. Here's my response: 4", { trim: true }),
    ).toEqual({
      reasoning: '2+2=4.',
      content: '4',
      truncated: false,
      hasReasoning: true,
    });
  });

  it('is all content without thinking', () => {
    expect(parseReasoning(granite, '15% of 80 is 12.')).toMatchObject({
      content: '15% of 80 is 12.',
      hasReasoning: false,
    });
  });
});
