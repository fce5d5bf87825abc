import type { ReasoningEvent, ReasoningParser, ReasoningParserPlugin } from '@distillery/core';
import { describe, expect, it } from 'vitest';
import { expectChunkingInvariant, expectWellFormedEvents } from './contract-checks';

/** A parser with the classic bug: it looks for markers in each chunk alone and holds nothing back. */
const naive: ReasoningParserPlugin = {
  specificationVersion: 'v1',
  kind: 'reasoning-parser',
  id: 'naive',
  create(): ReasoningParser {
    let state: 'content' | 'reasoning' = 'content';
    return {
      get state() {
        return state;
      },
      push(chunk) {
        const events: ReasoningEvent[] = [];
        let rest = chunk;
        while (rest.length > 0) {
          const marker = state === 'content' ? '<think>' : '</think>';
          const i = rest.indexOf(marker);
          const text = i < 0 ? rest : rest.slice(0, i);
          if (text) events.push({ type: state === 'content' ? 'content-delta' : 'reasoning-delta', text });
          if (i < 0) break;
          events.push(
            state === 'content' ? { type: 'reasoning-start' } : { type: 'reasoning-end', truncated: false },
          );
          state = state === 'content' ? 'reasoning' : 'content';
          rest = rest.slice(i + marker.length);
        }
        return events;
      },
      finish() {
        return state === 'reasoning' ? [{ type: 'reasoning-end', truncated: true }] : [];
      },
    };
  },
};

describe('expectChunkingInvariant', () => {
  it('passes a parser on text with no marker to split', () => {
    expect(() => expectChunkingInvariant(naive, 'plain answer', undefined, { iterations: 20 })).not.toThrow();
  });

  it('catches a parser that lets a marker split across chunks leak', () => {
    expect(() =>
      expectChunkingInvariant(naive, '<think>r</think>answer', undefined, { iterations: 5 }),
    ).toThrow(/differ from whole-text parsing/);
  });
});

describe('expectWellFormedEvents', () => {
  it('accepts a bracketed block followed by content', () => {
    const events: ReasoningEvent[] = [
      { type: 'reasoning-start' },
      { type: 'reasoning-delta', text: 'r' },
      { type: 'reasoning-end', truncated: false },
      { type: 'content-delta', text: 'a' },
    ];
    expect(() => expectWellFormedEvents(events, 'ra')).not.toThrow();
  });

  it('rejects reasoning outside a block, an unclosed block and an early truncated end', () => {
    expect(() => expectWellFormedEvents([{ type: 'reasoning-delta', text: 'r' }], 'r')).toThrow(
      /outside a block/,
    );
    expect(() => expectWellFormedEvents([{ type: 'reasoning-start' }], '')).toThrow(/open block/);
    expect(() =>
      expectWellFormedEvents(
        [
          { type: 'reasoning-start' },
          { type: 'reasoning-end', truncated: true },
          { type: 'content-delta', text: 'x' },
        ],
        'x',
      ),
    ).toThrow(/truncated end before the last event/);
  });

  it('rejects empty deltas and deltas that split a surrogate pair', () => {
    expect(() => expectWellFormedEvents([{ type: 'content-delta', text: '' }], '')).toThrow(/empty delta/);
    expect(() =>
      expectWellFormedEvents(
        [
          { type: 'content-delta', text: '\ud83d' },
          { type: 'content-delta', text: '\ude00' },
        ],
        '😀',
      ),
    ).toThrow(/surrogate/);
  });
});
