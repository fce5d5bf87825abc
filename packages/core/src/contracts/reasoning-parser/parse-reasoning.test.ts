import { describe, expect, it } from 'vitest';
import { collectReasoningEvents, parseReasoning } from './parse-reasoning';
import type { ReasoningEvent, ReasoningParserV1 } from './v1/reasoning-parser-v1';

// A minimal parser: everything up to the first "|" is reasoning. Enough to exercise the helpers.
const pipeParser: ReasoningParserV1 = {
  specificationVersion: 'v1',
  kind: 'reasoning-parser',
  id: 'pipe',
  create() {
    let inReasoning = true;
    let started = false;
    return {
      get state() {
        return inReasoning ? ('reasoning' as const) : ('content' as const);
      },
      push(chunk) {
        const events: ReasoningEvent[] = [];
        if (!started) {
          events.push({ type: 'reasoning-start' });
          started = true;
        }
        if (!inReasoning) return [...events, { type: 'content-delta', text: chunk }];
        const bar = chunk.indexOf('|');
        if (bar === -1) return [...events, { type: 'reasoning-delta', text: chunk }];
        inReasoning = false;
        return [
          ...events,
          { type: 'reasoning-delta', text: chunk.slice(0, bar) },
          { type: 'reasoning-end', truncated: false },
          { type: 'content-delta', text: chunk.slice(bar + 1) },
        ];
      },
      finish() {
        return inReasoning ? [{ type: 'reasoning-end', truncated: true } as const] : [];
      },
    };
  },
};

describe('parseReasoning', () => {
  it('is push + finish over the chunks', () => {
    expect(parseReasoning(pipeParser, ['think', 'ing|ans', 'wer'])).toEqual({
      reasoning: 'thinking',
      content: 'answer',
      truncated: false,
      hasReasoning: true,
    });
  });

  it('flags output that ends inside reasoning', () => {
    expect(parseReasoning(pipeParser, 'still thinking')).toMatchObject({
      reasoning: 'still thinking',
      truncated: true,
    });
  });

  it('collects events from any iterable', () => {
    expect(collectReasoningEvents([{ type: 'content-delta', text: 'a' }])).toEqual({
      reasoning: '',
      content: 'a',
      truncated: false,
      hasReasoning: false,
    });
  });

  it('moves a skipped-thinking block to the content', () => {
    expect(
      collectReasoningEvents([
        { type: 'reasoning-start' },
        { type: 'reasoning-delta', text: 'The answer is 4.' },
        { type: 'reasoning-end', truncated: false, skippedThinking: true },
      ]),
    ).toEqual({ reasoning: '', content: 'The answer is 4.', truncated: false, hasReasoning: false });
  });
});
