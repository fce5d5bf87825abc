import { describeReasoningParserContract, expectChunkingInvariant } from '@distillery/testkit/vitest';
import { describe, expect, it } from 'vitest';
import { kimiVl } from './kimi-vl';

describeReasoningParserContract(kimiVl, { markers: { start: '◁think▷', end: '◁/think▷' }, iterations: 40 });

describe('kimi-vl', () => {
  it('splits a Kimi-VL-Thinking answer', () => {
    const text =
      '◁think▷The image shows three apples and two pears: 5 fruits.◁/think▷There are **5** fruits.';
    expect(expectChunkingInvariant(kimiVl, text).result).toEqual({
      reasoning: 'The image shows three apples and two pears: 5 fruits.',
      content: 'There are **5** fruits.',
      truncated: false,
      hasReasoning: true,
    });
  });
});
