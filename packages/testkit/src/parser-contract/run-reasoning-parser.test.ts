import { describe, expect, it } from 'vitest';
import { normalizeReasoningEvents } from './run-reasoning-parser';

describe('normalizeReasoningEvents', () => {
  it('merges adjacent deltas of one kind and drops empty ones', () => {
    expect(
      normalizeReasoningEvents([
        { type: 'reasoning-start' },
        { type: 'reasoning-delta', text: 'a' },
        { type: 'reasoning-delta', text: '' },
        { type: 'reasoning-delta', text: 'b' },
        { type: 'reasoning-end', truncated: false },
        { type: 'content-delta', text: 'c' },
        { type: 'content-delta', text: 'd' },
      ]),
    ).toEqual([
      { type: 'reasoning-start' },
      { type: 'reasoning-delta', text: 'ab' },
      { type: 'reasoning-end', truncated: false },
      { type: 'content-delta', text: 'cd' },
    ]);
  });
});
