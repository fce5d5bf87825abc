import { describe, expect, it } from 'vitest';
import { normalQuantile, twoSidedZ } from './normal-quantile';

// Reference values: scipy.stats.norm.ppf (scipy 1.17) and R's qnorm agree to the digits shown.
describe('normalQuantile', () => {
  it('matches scipy.stats.norm.ppf in the centre and in both tails', () => {
    expect(normalQuantile(0.975)).toBeCloseTo(1.959963984540054, 14);
    expect(normalQuantile(0.8)).toBeCloseTo(0.8416212335729143, 14);
    expect(normalQuantile(0.995)).toBeCloseTo(2.5758293035489004, 14);
    expect(normalQuantile(1e-10)).toBeCloseTo(-6.361340902404056, 12);
    expect(normalQuantile(0.5)).toBe(0);
    expect(normalQuantile(0.025)).toBeCloseTo(-1.959963984540054, 14);
  });

  it('gives the two-sided critical value of a confidence level', () => {
    expect(twoSidedZ(0.95)).toBeCloseTo(1.959963984540054, 14);
    expect(twoSidedZ(0.99)).toBeCloseTo(2.5758293035489004, 14);
  });

  it('is infinite at 0 and 1 and refuses probabilities outside them', () => {
    expect(normalQuantile(0)).toBe(Number.NEGATIVE_INFINITY);
    expect(normalQuantile(1)).toBe(Number.POSITIVE_INFINITY);
    expect(() => normalQuantile(1.5)).toThrow(/0 <= p <= 1/);
  });
});
