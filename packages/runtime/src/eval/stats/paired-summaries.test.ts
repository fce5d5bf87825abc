import { describe, expect, it } from 'vitest';
import { breakEvenCalls } from './break-even-calls';
import { minimumDetectableDifference, sampleStandardDeviation } from './minimum-detectable-difference';
import { winTieLoss } from './win-tie-loss';

describe('winTieLoss', () => {
  it('counts item by item', () => {
    expect(winTieLoss([1, 0, 1, 0.5, 3], [0, 0, 1, 0.7, 2])).toEqual({ wins: 2, ties: 2, losses: 1 });
  });
});

describe('minimumDetectableDifference', () => {
  it('is (z(0.975) + z(0.8)) sd / sqrt(n), the textbook 2.8 sd / sqrt(n)', () => {
    expect(minimumDetectableDifference({ n: 100, sdOfDifferences: 1 })).toBeCloseTo(0.2801585218, 9);
    // Quadrupling n halves it.
    expect(minimumDetectableDifference({ n: 400, sdOfDifferences: 1 })).toBeCloseTo(0.1400792609, 9);
    // 90% power at the 1% level: 2.5758293 + 1.2815516 = 3.8573809.
    expect(minimumDetectableDifference({ n: 1, sdOfDifferences: 1, alpha: 0.01, power: 0.9 })).toBeCloseTo(
      3.8573808690935,
      12,
    );
    expect(minimumDetectableDifference({ n: 0, sdOfDifferences: 1 })).toBeNull();
  });

  it('uses the sample standard deviation', () => {
    // numpy.std([2, 4, 4, 4, 5, 5, 7, 9], ddof=1) = 2.138089935299395
    expect(sampleStandardDeviation([2, 4, 4, 4, 5, 5, 7, 9])).toBeCloseTo(2.138089935299395, 14);
    expect(sampleStandardDeviation([3])).toBe(0);
  });
});

describe('breakEvenCalls', () => {
  it('is the first call count at which training plus student calls cost less than the teacher', () => {
    // $10 of training, student $0.001 a call, teacher $0.003: 5000 calls tie, 5001 win.
    expect(
      breakEvenCalls({ trainingCost: 10, candidateCostPerCall: 0.001, referenceCostPerCall: 0.003 }),
    ).toBe(5001);
    expect(breakEvenCalls({ trainingCost: 1, candidateCostPerCall: 0, referenceCostPerCall: 0.3 })).toBe(4);
    expect(breakEvenCalls({ trainingCost: 0, candidateCostPerCall: 0.1, referenceCostPerCall: 0.2 })).toBe(1);
  });

  it('never breaks even when the student is not cheaper per call', () => {
    expect(
      breakEvenCalls({ trainingCost: 5, candidateCostPerCall: 0.2, referenceCostPerCall: 0.2 }),
    ).toBeNull();
    expect(
      breakEvenCalls({ trainingCost: 5, candidateCostPerCall: 0.3, referenceCostPerCall: 0.2 }),
    ).toBeNull();
    expect(() =>
      breakEvenCalls({ trainingCost: -1, candidateCostPerCall: 0, referenceCostPerCall: 1 }),
    ).toThrow(/trainingCost/);
  });
});
