import { describe, expect, it } from 'vitest';
import { describeCheckStats } from './describe-check-stats';

describe('describeCheckStats', () => {
  it('names every figure in words, never by its field name', () => {
    const rows = describeCheckStats({
      tokensTotal: 12_345,
      withReasoning: 96,
      bytes: 2048,
      workers: 2,
      tokensMean: 128,
      someNewFigure: 3,
    });
    expect(rows).toEqual([
      ['File size', '2.0 KiB'],
      ['Examples with reasoning', '96'],
      ['Tokens in all (estimated)', '12,345'],
      ['Average example (tokens)', '128'],
      ['Some new figure', '3'],
    ]);
    for (const [label] of rows) expect(label).not.toMatch(/[a-z][A-Z]/);
  });
});
