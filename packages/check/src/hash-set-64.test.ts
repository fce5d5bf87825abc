import { describe, expect, it } from 'vitest';
import { HashSet64 } from './hash-set-64';

describe('HashSet64', () => {
  it('returns the first line for a repeated key and grows without losing keys', () => {
    const set = new HashSet64(2);
    for (let i = 0; i < 5000; i++) expect(set.add(i * 7919, i * 104729, i + 1)).toBe(-1);
    expect(set.size).toBe(5000);
    for (let i = 0; i < 5000; i++) expect(set.get(i * 7919, i * 104729)).toBe(i + 1);
    expect(set.add(7919 * 3, 104729 * 3, 9999)).toBe(4);
    expect(set.get(1, 2)).toBe(-1);
    expect(set.get(0, 0)).toBe(1);
  });
});
