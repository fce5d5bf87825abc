import { describe, expect, it } from 'vitest';
import { wilsonInterval } from './wilson-interval';

// Reference values: scipy.stats.binomtest(k, n).proportion_ci(method='wilson') (scipy 1.17),
// which equals R's prop.test(k, n, correct = FALSE)$conf.int.
describe('wilsonInterval', () => {
  it('matches scipy for 81 of 263', () => {
    const interval = wilsonInterval(81, 263);
    expect(interval.estimate).toBeCloseTo(81 / 263, 15);
    expect(interval.lower).toBeCloseTo(0.2552885198782742, 12);
    expect(interval.upper).toBeCloseTo(0.36620957698280004, 12);
    expect(interval.method).toBe('wilson');
  });

  it('stays inside [0, 1] and is not degenerate at 0 and n successes', () => {
    const none = wilsonInterval(0, 10);
    expect(none.lower).toBe(0);
    expect(none.upper).toBeCloseTo(0.2775327998628892, 12);
    const all = wilsonInterval(10, 10);
    expect(all.lower).toBeCloseTo(0.7224672001371107, 12);
    expect(all.upper).toBeCloseTo(1, 12);
  });

  it('has no interval for no items and refuses impossible counts', () => {
    expect(wilsonInterval(0, 0)).toMatchObject({ estimate: null, lower: null, upper: null });
    expect(() => wilsonInterval(5, 4)).toThrow(/0 <= successes <= n/);
    expect(() => wilsonInterval(1, 4, 1)).toThrow(/confidence/);
  });
});
