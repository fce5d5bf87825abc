import { describe, expect, it } from 'vitest';
import { checkSplitPercentages } from './check-split-percentages';

describe('checkSplitPercentages', () => {
  it('turns percentages adding up to 100 into ratios, leaving out empty splits', () => {
    expect(checkSplitPercentages({ train: '80', val: '20', test: '' })).toEqual({
      ok: true,
      ratios: { train: 0.8, val: 0.2 },
    });
    expect(checkSplitPercentages({ train: '33.3', val: '33.3', test: '33.4' }).ok).toBe(true);
  });

  it('refuses a total that is not 100, as while the user is still typing', () => {
    expect(checkSplitPercentages({ train: '8', val: '10', test: '10' })).toEqual({
      ok: false,
      problem: 'The splits add up to 28%, not 100%. Change them so they do.',
      field: null,
    });
  });

  it('names the field that is not a number from 0 to 100', () => {
    for (const bad of ['-5', 'abc', '120', '1e2']) {
      expect(checkSplitPercentages({ train: bad, val: '10', test: '10' })).toEqual({
        ok: false,
        problem: 'train % must be a number from 0 to 100.',
        field: 'train',
      });
    }
  });
});
