import { describeReasoningParserContract, expectChunkingInvariant } from '@distillery/testkit/vitest';
import { describe, expect, it } from 'vitest';
import { minimaxM2 } from './minimax-m2';

describeReasoningParserContract(minimaxM2, {
  markers: { start: '<think>', end: '</think>' },
  startsInReasoning: true,
  multipleBlocks: true,
  iterations: 50,
});

describe('minimax-m2', () => {
  it('splits output with no opener and an interleaved second block', () => {
    const text =
      'I should look up the date.\n</think>\n\n<minimax:tool_call>\n<invoke name="get_date"></invoke>\n</minimax:tool_call>' +
      '<think>\nIt is June 1st.\n</think>\n\nToday is June 1st.';
    expect(expectChunkingInvariant(minimaxM2, text).result).toEqual({
      reasoning: 'I should look up the date.\n\n\nIt is June 1st.\n',
      content:
        '\n\n<minimax:tool_call>\n<invoke name="get_date"></invoke>\n</minimax:tool_call>\n\nToday is June 1st.',
      truncated: false,
      hasReasoning: true,
    });
  });
});
