import { parseReasoning } from '@distillery/core';
import { describeReasoningParserContract, expectChunkingInvariant } from '@distillery/testkit/vitest';
import { describe, expect, it } from 'vitest';
import { nemotron } from './nemotron';

describeReasoningParserContract(nemotron, {
  markers: { start: '<think>', end: '</think>' },
  startsInReasoning: true,
  iterations: 50,
});

describe('nemotron', () => {
  it('splits Nemotron-3 output with an orphan </think> (the prompt prefilled <think>)', () => {
    const text =
      'Two trains 300 km apart at 60 and 90 km/h meet after 2 hours.\n</think>\n\nThey meet after **2 hours**.';
    expect(expectChunkingInvariant(nemotron, text).result).toEqual({
      reasoning: 'Two trains 300 km apart at 60 and 90 km/h meet after 2 hours.\n',
      content: '\n\nThey meet after **2 hours**.',
      truncated: false,
      hasReasoning: true,
    });
  });

  it('consumes the opener Llama-Nemotron writes itself ("detailed thinking on")', () => {
    expect(parseReasoning(nemotron, '<think>\n2 hours.\n</think>\n\n2 hours')).toEqual({
      reasoning: '\n2 hours.\n',
      content: '\n\n2 hours',
      truncated: false,
      hasReasoning: true,
    });
  });

  it('with thinking off, an answer with no end tag is content, not swapped into reasoning', () => {
    expect(parseReasoning(nemotron, 'They meet after 2 hours.', { thinking: false })).toMatchObject({
      content: 'They meet after 2 hours.',
      hasReasoning: false,
    });
  });
});
