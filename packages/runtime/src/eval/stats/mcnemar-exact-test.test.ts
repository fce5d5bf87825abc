import { describe, expect, it } from 'vitest';
import { mcnemarExactTest } from './mcnemar-exact-test';

// Reference values: scipy.stats.binomtest(min(b, c), b + c, 0.5).pvalue (scipy 1.17), the
// exact McNemar p-value (R: binom.test(b, b + c)$p.value).
describe('mcnemarExactTest', () => {
  it('matches the exact binomial p-value', () => {
    expect(mcnemarExactTest(10, 2).pValue).toBeCloseTo(0.03857421875, 14);
    expect(mcnemarExactTest(2, 9).pValue).toBeCloseTo(0.0654296875, 14);
    expect(mcnemarExactTest(59, 31).pValue).toBeCloseTo(0.0041651140158244435, 14);
    expect(mcnemarExactTest(7, 0).pValue).toBeCloseTo(0.015625, 14);
  });

  it('stays accurate with thousands of discordant items', () => {
    expect(mcnemarExactTest(3000, 2900).pValue).toBeCloseTo(0.19743902484357673, 10);
  });

  it('is 1 with no discordant items or a perfect balance', () => {
    expect(mcnemarExactTest(0, 0).pValue).toBe(1);
    expect(mcnemarExactTest(4, 4).pValue).toBe(1);
    expect(() => mcnemarExactTest(-1, 2)).toThrow(/non-negative integer/);
  });
});
