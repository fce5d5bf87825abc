import { describe, expect, it } from 'vitest';
import { checkPlugin } from '../../../config/check-plugin';
import { normalizedScoreV1 } from './scorer-v1';

describe('scorer contract v1', () => {
  it('places every score on 0..1', () => {
    expect(normalizedScoreV1({ type: 'pass-fail', pass: true })).toBe(1);
    expect(normalizedScoreV1({ type: 'pass-fail', pass: false })).toBe(0);
    expect(normalizedScoreV1({ type: 'number', value: 4, min: 1, max: 5 })).toBe(0.75);
  });

  it('is a plugin kind core checks: a mode and the method it needs', () => {
    const base = { specificationVersion: 'v1', kind: 'scorer', id: 'mine' };
    expect(() =>
      checkPlugin({ ...base, mode: 'single', score: async () => ({ score: null, skipped: 'x' }) }, 'test'),
    ).not.toThrow();
    expect(() => checkPlugin({ ...base, mode: 'pairwise', score: async () => ({}) }, 'test')).toThrow(
      /is a scorer but lacks `compare\(\)`/,
    );
    expect(() => checkPlugin({ ...base, score: async () => ({}) }, 'test')).toThrow(
      /scorer with mode undefined/,
    );
  });
});
