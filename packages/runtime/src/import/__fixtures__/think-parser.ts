import {
  collectReasoningEvents,
  type ReasoningEvent,
  type ReasoningParser,
  type ReasoningParserPlugin,
} from '@distillery/core';

/**
 * A minimal `<think>` parser for tests: buffers the stream and splits it on finish (the real
 * streaming parsers live in @distillery/parser-deepseek).
 */
export const thinkParser: ReasoningParserPlugin = {
  specificationVersion: 'v1',
  kind: 'reasoning-parser',
  id: 'test-think',
  markers: ['<think>', '</think>'],
  create(options) {
    let text = '';
    const parser: ReasoningParser = {
      state: 'content',
      push(chunk) {
        text += chunk;
        return [];
      },
      finish() {
        const trim = (s: string) => (options?.trim ? s.trim() : s);
        const open = text.indexOf('<think>');
        if (open === -1) return [{ type: 'content-delta', text: trim(text) }];
        const close = text.indexOf('</think>', open);
        const events: ReasoningEvent[] = [{ type: 'reasoning-start' }];
        const reasoning = close === -1 ? text.slice(open + 7) : text.slice(open + 7, close);
        events.push({ type: 'reasoning-delta', text: trim(reasoning) });
        events.push({ type: 'reasoning-end', truncated: close === -1 });
        const after = close === -1 ? '' : text.slice(close + 8);
        events.push({ type: 'content-delta', text: trim(text.slice(0, open) + after) });
        return events;
      },
    };
    return parser;
  },
};

