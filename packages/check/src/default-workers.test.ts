import { describe, expect, it } from 'vitest';
import { defaultWorkers } from './check-file';

describe('defaultWorkers', () => {
  it('uses every free core, one of them being the calling thread on small machines', () => {
    expect(defaultWorkers(2, 0.2)).toBe(1);
    expect(defaultWorkers(4, 0)).toBe(3);
    expect(defaultWorkers(16, 0)).toBe(16);
  });

  it('leaves the cores other processes keep busy', () => {
    // A 2-core machine with one busy process: the calling thread alone, no hand-over costs.
    expect(defaultWorkers(2, 1)).toBe(0);
    expect(defaultWorkers(2, 12)).toBe(0);
    expect(defaultWorkers(16, 9.6)).toBe(6);
    expect(defaultWorkers(8, 5)).toBe(2);
    expect(defaultWorkers(16, 4)).toBe(12);
  });
});
