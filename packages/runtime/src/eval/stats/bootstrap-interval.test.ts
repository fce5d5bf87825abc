import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../dataset/seeded-random';
import {
  bootstrapMean,
  bootstrapPairedDifference,
  bootstrapPairedRatio,
  quantileSorted,
} from './bootstrap-interval';
import { twoSidedZ } from './normal-quantile';

describe('quantileSorted', () => {
  it('interpolates like numpy.quantile and R type 7', () => {
    // numpy.quantile([1, 2, 3, 4], [0.25, 0.5, 0.9]) -> [1.75, 2.5, 3.7]
    expect(quantileSorted([1, 2, 3, 4], 0.25)).toBeCloseTo(1.75, 14);
    expect(quantileSorted([1, 2, 3, 4], 0.5)).toBeCloseTo(2.5, 14);
    expect(quantileSorted([1, 2, 3, 4], 0.9)).toBeCloseTo(3.7, 14);
  });
});

describe('bootstrapMean', () => {
  it('is reproducible for a seed and differs across seeds', () => {
    const values = [0.13, 0.42, 0.25, 0.91, 0.37, 0.33, 0.18, 0.56, 0.27, 0.44, 0.58, 0.11];
    expect(bootstrapMean(values, { seed: 7 })).toEqual(bootstrapMean(values, { seed: 7 }));
    expect(bootstrapMean(values, { seed: 7 })).not.toEqual(bootstrapMean(values, { seed: 8 }));
  });

  it('reports the sample mean and is as wide as the normal interval for a large sample', () => {
    // For n = 1000 draws the percentile bootstrap and mean +- 1.96 sd/sqrt(n) agree closely.
    const random = seededRandom(42);
    const values = Array.from({ length: 1000 }, () => Math.floor(random() * 5) + 1);
    const mean = values.reduce((s, v) => s + v, 0) / values.length;
    const sd = Math.sqrt(values.reduce((s, v) => s + (v - mean) ** 2, 0) / (values.length - 1));
    const half = (twoSidedZ(0.95) * sd) / Math.sqrt(values.length);
    const interval = bootstrapMean(values, { seed: 3, iterations: 4000 });
    expect(interval.estimate).toBeCloseTo(mean, 12);
    expect(interval.lower!).toBeCloseTo(mean - half, 1);
    expect(interval.upper!).toBeCloseTo(mean + half, 1);
    expect(Math.abs(interval.upper! - interval.lower! - 2 * half) / (2 * half)).toBeLessThan(0.1);
  });

  it('covers the true mean about 95% of the time', () => {
    // 200 samples of 60 fair 0/1 coins: a 95% interval should miss 0.5 about 10 times.
    const random = seededRandom(9);
    let covered = 0;
    for (let trial = 0; trial < 200; trial++) {
      const values = Array.from({ length: 60 }, () => (random() < 0.5 ? 1 : 0));
      const interval = bootstrapMean(values, { seed: trial, iterations: 500 });
      if (interval.lower! <= 0.5 && 0.5 <= interval.upper!) covered++;
    }
    expect(covered).toBeGreaterThanOrEqual(180);
    expect(covered).toBeLessThanOrEqual(198);
  });

  it('gives a zero-width interval for constant data and none for no data', () => {
    expect(bootstrapMean([2, 2, 2, 2])).toMatchObject({ estimate: 2, lower: 2, upper: 2 });
    expect(bootstrapMean([])).toMatchObject({ estimate: null, lower: null, upper: null });
  });
});

describe('paired bootstrap', () => {
  it('cancels item difficulty: a constant per-item gain has a zero-width interval', () => {
    const reference = [0.1, 0.9, 0.4, 0.7, 0.2, 0.3];
    const candidate = reference.map((v) => v + 0.05);
    const difference = bootstrapPairedDifference(candidate, reference);
    expect(difference.estimate).toBeCloseTo(0.05, 12);
    expect(difference.lower).toBeCloseTo(0.05, 12);
    expect(difference.upper).toBeCloseTo(0.05, 12);
  });

  it('gives the ratio of means and drops resamples where the reference mean is 0', () => {
    const reference = [1, 1, 0, 1, 0, 1, 1, 1, 0, 1];
    const candidate = [1, 0, 0, 1, 0, 1, 1, 0, 0, 1];
    const ratio = bootstrapPairedRatio(candidate, reference, { seed: 5 });
    expect(ratio.estimate).toBeCloseTo(5 / 7, 14);
    expect(ratio.lower!).toBeLessThan(5 / 7);
    expect(ratio.upper!).toBeGreaterThan(5 / 7);
    expect(ratio.upper!).toBeLessThanOrEqual(1);
    expect(bootstrapPairedRatio([1, 0], [0, 0]).estimate).toBeNull();
    expect(() => bootstrapPairedDifference([1], [1, 2])).toThrow(/same items/);
  });
});
