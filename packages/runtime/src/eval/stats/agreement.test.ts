import { describe, expect, it } from 'vitest';
import { cohenKappa } from './cohen-kappa';
import { kendallTau } from './kendall-tau';

function ratings(cells: [string, string, number][]) {
  const a: string[] = [];
  const b: string[] = [];
  for (const [x, y, count] of cells) {
    for (let i = 0; i < count; i++) {
      a.push(x);
      b.push(y);
    }
  }
  return { a, b };
}

describe('cohenKappa', () => {
  it('gives the textbook kappa for a 2x2 table (po 0.7, pe 0.5 -> 0.4)', () => {
    // 50 items: yes/yes 20, yes/no 5, no/yes 10, no/no 15 (the Wikipedia "Cohen's kappa" example).
    const { a, b } = ratings([
      ['yes', 'yes', 20],
      ['yes', 'no', 5],
      ['no', 'yes', 10],
      ['no', 'no', 15],
    ]);
    const kappa = cohenKappa(a, b);
    expect(kappa.observedAgreement).toBeCloseTo(0.7, 14);
    expect(kappa.chanceAgreement).toBeCloseTo(0.5, 14);
    expect(kappa.estimate).toBeCloseTo(0.4, 14);
    // Cohen's SE sqrt(0.7 * 0.3 / (50 * 0.25)) = 0.12961; 0.4 -+ 1.96 * SE.
    expect(kappa.lower).toBeCloseTo(0.4 - 1.959963984540054 * Math.sqrt(0.0168), 10);
    expect(kappa.upper).toBeCloseTo(0.4 + 1.959963984540054 * Math.sqrt(0.0168), 10);
  });

  it('gives 0.1304 for the second textbook table (45, 15, 25, 15)', () => {
    const { a, b } = ratings([
      ['yes', 'yes', 45],
      ['yes', 'no', 15],
      ['no', 'yes', 25],
      ['no', 'no', 15],
    ]);
    expect(cohenKappa(a, b).estimate).toBeCloseTo(0.06 / 0.46, 12);
  });

  it('is 1 for perfect agreement over several labels and undefined when both raters are constant', () => {
    const labels = [1, 2, 3, 4, 5, 3, 2];
    expect(cohenKappa(labels, labels).estimate).toBe(1);
    expect(cohenKappa(['a', 'a'], ['a', 'a']).estimate).toBeNull();
  });
});

describe('kendallTau', () => {
  // Reference values: scipy.stats.kendalltau (tau-b), scipy 1.17.
  it('matches scipy without ties', () => {
    const tau = kendallTau([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], [3, 1, 4, 2, 6, 5, 9, 8, 10, 7]);
    expect(tau.estimate).toBeCloseTo(0.6444444444444444, 14);
    const z = Math.atanh(0.6444444444444444);
    const half = 1.959963984540054 * Math.sqrt(0.437 / 6);
    expect(tau.lower).toBeCloseTo(Math.tanh(z - half), 12);
    expect(tau.upper).toBeCloseTo(Math.tanh(z + half), 12);
  });

  it('matches scipy with ties on both sides (tau-b)', () => {
    expect(kendallTau([12, 2, 1, 12, 2], [1, 4, 7, 1, 0]).estimate).toBeCloseTo(-0.4714045207910316, 14);
    expect(kendallTau([1, 1, 2, 2, 3, 3, 4, 4, 5, 5], [1, 2, 1, 3, 3, 4, 5, 4, 5, 5]).estimate).toBeCloseTo(
      0.8355099778440249,
      14,
    );
  });

  it('is undefined for a constant side and has no interval for n <= 4', () => {
    expect(kendallTau([1, 1, 1], [1, 2, 3]).estimate).toBeNull();
    expect(kendallTau([1, 2, 3, 4], [1, 3, 2, 4])).toMatchObject({ lower: null, upper: null });
  });
});
