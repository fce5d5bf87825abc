import { parseReasoning } from '@distillery/core';
import { describeReasoningParserContract, expectChunkingInvariant } from '@distillery/testkit/vitest';
import { describe, expect, it } from 'vitest';
import { ernie45 } from './ernie45';

describeReasoningParserContract(ernie45, {
  markers: { start: '<think>', end: '</think>' },
  startsInReasoning: true,
  iterations: 50,
});

describe('ernie45', () => {
  it('drops the <response> wrapper around the answer', () => {
    const text = '3 + 4 = 7.\n</think>\n\n<response>\nThe sum is 7.\n</response>\n';
    expect(expectChunkingInvariant(ernie45, text).result).toEqual({
      reasoning: '3 + 4 = 7.\n',
      content: '\n\n\nThe sum is 7.\n\n',
      truncated: false,
      hasReasoning: true,
    });
    expect(parseReasoning(ernie45, text, { trim: true })).toMatchObject({
      reasoning: '3 + 4 = 7.',
      content: 'The sum is 7.',
    });
  });

  it('splits the unwrapped form', () => {
    expect(parseReasoning(ernie45, 'abc\n</think>\ndef')).toEqual({
      reasoning: 'abc\n',
      content: '\ndef',
      truncated: false,
      hasReasoning: true,
    });
  });
});
