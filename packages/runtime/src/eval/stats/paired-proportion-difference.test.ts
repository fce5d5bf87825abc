import { describe, expect, it } from 'vitest';
import { pairedProportionDifference } from './paired-proportion-difference';

/** Builds paired outcomes from a 2x2 table: both right, candidate only, reference only, neither. */
function table(both: number, candidateOnly: number, referenceOnly: number, neither: number) {
  const candidate: boolean[] = [];
  const reference: boolean[] = [];
  const push = (count: number, c: boolean, r: boolean) => {
    for (let i = 0; i < count; i++) {
      candidate.push(c);
      reference.push(r);
    }
  };
  push(both, true, true);
  push(candidateOnly, true, false);
  push(referenceOnly, false, true);
  push(neither, false, false);
  return { candidate, reference };
}

describe('pairedProportionDifference', () => {
  it("agrees with the Wald interval at large n (Agresti's presidential approval table)", () => {
    // Agresti, Categorical Data Analysis, table 10.1: 794, 150, 86, 570 of 1600; the Wald
    // interval for the change is 0.0213 to 0.0587.
    const { candidate, reference } = table(794, 150, 86, 570);
    const interval = pairedProportionDifference(candidate, reference);
    expect(interval.estimate).toBeCloseTo(0.04, 12);
    expect(interval.lower).toBeCloseTo(0.0213, 3);
    expect(interval.upper).toBeCloseTo(0.0587, 3);
  });

  it("matches Newcombe's method 10 on a small table", () => {
    // Reference: an independent transcription of Newcombe (1998) method 10 in Python with
    // scipy's Wilson limits: (12, 9, 2, 21) -> 0.018210226243591948 to 0.28915665958827236.
    const { candidate, reference } = table(12, 9, 2, 21);
    const interval = pairedProportionDifference(candidate, reference);
    expect(interval.estimate).toBeCloseTo(7 / 44, 14);
    expect(interval.lower).toBeCloseTo(0.018210226243591948, 12);
    expect(interval.upper).toBeCloseTo(0.28915665958827236, 12);
    expect(interval.method).toBe('newcombe-paired');
  });

  it('flips sign when the candidates swap, and stays inside [-1, 1]', () => {
    const { candidate, reference } = table(3, 1, 6, 2);
    const forward = pairedProportionDifference(candidate, reference);
    const backward = pairedProportionDifference(reference, candidate);
    expect(backward.estimate).toBeCloseTo(-forward.estimate!, 14);
    expect(backward.lower).toBeCloseTo(-forward.upper!, 12);
    const extreme = table(0, 0, 10, 0);
    const worst = pairedProportionDifference(extreme.candidate, extreme.reference);
    expect(worst.estimate).toBe(-1);
    expect(worst.lower).toBe(-1);
    expect(worst.upper!).toBeLessThan(0);
  });

  it('has no interval without items', () => {
    expect(pairedProportionDifference([], []).estimate).toBeNull();
    expect(() => pairedProportionDifference([true], [])).toThrow(/same items/);
  });
});
