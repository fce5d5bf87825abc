import { describe, expect, it } from 'vitest';
import { ReasoningEventWriter } from './reasoning-event-writer';

describe('ReasoningEventWriter', () => {
  it('merges adjacent deltas and joins blocks with text by a newline', () => {
    const w = new ReasoningEventWriter(false);
    w.startBlock();
    w.reasoning('a');
    w.reasoning('b');
    w.endBlock(false);
    w.content('x');
    w.startBlock();
    w.endBlock(false);
    w.startBlock();
    w.reasoning('c');
    w.endBlock(false);
    expect(w.take()).toEqual([
      { type: 'reasoning-start' },
      { type: 'reasoning-delta', text: 'ab' },
      { type: 'reasoning-end', truncated: false },
      { type: 'content-delta', text: 'x' },
      { type: 'reasoning-start' },
      { type: 'reasoning-end', truncated: false },
      { type: 'reasoning-start' },
      { type: 'reasoning-delta', text: '\nc' },
      { type: 'reasoning-end', truncated: false },
    ]);
    expect(w.take()).toEqual([]);
  });

  it('with trim, holds trailing whitespace until more text comes and drops it at the end', () => {
    const w = new ReasoningEventWriter(true);
    w.startBlock();
    w.reasoning('\n  ');
    w.reasoning(' a ');
    expect(w.take()).toEqual([{ type: 'reasoning-start' }, { type: 'reasoning-delta', text: 'a' }]);
    w.reasoning('\n');
    w.reasoning('b\n');
    w.endBlock(false);
    w.content('\n\n');
    w.content('answer \n');
    expect(w.take()).toEqual([
      { type: 'reasoning-delta', text: ' \nb' },
      { type: 'reasoning-end', truncated: false },
      { type: 'content-delta', text: 'answer' },
    ]);
  });
});
