import type { ReasoningEvent, ReasoningParseOptions, ReasoningParser } from '@distillery/core';

export const THINK_START = '[THINK]';
export const THINK_END = '[/THINK]';

const isSpace = (code: number) => code === 32 || (code >= 9 && code <= 13);
const isHighSurrogate = (code: number) => code >= 0xd800 && code <= 0xdbff;

function firstNonSpace(text: string, from: number): number {
  let i = from;
  while (i < text.length && isSpace(text.charCodeAt(i))) i++;
  return i;
}

function lastNonSpaceEnd(text: string): number {
  let i = text.length;
  while (i > 0 && isSpace(text.charCodeAt(i - 1))) i--;
  return i;
}

/** Length of the longest suffix of `text[from..]` that is a proper prefix of `marker`. */
function partialSuffix(text: string, from: number, marker: string): number {
  for (let k = Math.min(marker.length - 1, text.length - from); k > 0; k--) {
    if (text.endsWith(marker.slice(0, k))) return k;
  }
  return 0;
}

/**
 * A streaming parser for Mistral/Magistral `[THINK]...[/THINK]` control tokens.
 *
 * - Content first: with no `[THINK]` everything is content; text before `[THINK]` stays content.
 * - `[THINK]` with no `[/THINK]` stays reasoning and ends with `truncated: true`.
 * - A stray `[/THINK]` with no open block is removed from the content.
 * - Control tokens cannot be literal text, so every `[THINK]` in content opens a block (several
 *   blocks are joined with "\n"), unless `multipleBlocks: false` or `thinking: false` (then only a
 *   leading `[THINK]` counts). Inside reasoning, `[THINK]` is reasoning text.
 * - `promptTail`: its last control token decides the starting state.
 * - `trim`: strips whitespace around each block and around the answer, also when streamed.
 * - A suffix that could be the start of a token is held until the next chunk or `finish()`, and so
 *   is a trailing high surrogate, so no delta splits a surrogate pair.
 */
export function createMistralParser(options: ReasoningParseOptions = {}): ReasoningParser {
  const thinkingOff = options.thinking === false;
  const multiple = (options.multipleBlocks ?? true) && !thinkingOff;
  const trim = options.trim ?? false;
  const tail = options.promptTail ?? '';
  const lastStart = tail.lastIndexOf(THINK_START);
  const lastEnd = tail.lastIndexOf(THINK_END);
  let mode: 'content' | 'reasoning' = lastStart >= 0 && lastStart > lastEnd ? 'reasoning' : 'content';
  let held = '';
  let leading = true;
  let blocks = 0; // counted by startBlock(), including a block the prompt opened
  let startPending = mode === 'reasoning';
  let finished = false;
  let events: ReasoningEvent[] = [];
  // Output side: block separator and trimming (trailing whitespace waits for more text).
  let blockHasText = false;
  let anyReasoning = false;
  let contentHasText = false;
  let pendingReasoning = '';
  let pendingContent = '';

  const delta = (type: 'reasoning-delta' | 'content-delta', text: string) => {
    const last = events[events.length - 1];
    if (last?.type === type) last.text += text;
    else events.push({ type, text });
  };
  const trimmed = (raw: string, hasText: boolean, pending: string): [out: string, pending: string] => {
    const text = hasText ? raw : raw.slice(firstNonSpace(raw, 0));
    const cut = lastNonSpaceEnd(text);
    if (cut === 0) return ['', pending + text];
    return [pending + text.slice(0, cut), text.slice(cut)];
  };
  const write = (raw: string) => {
    if (raw.length === 0) return;
    if (leading && firstNonSpace(raw, 0) < raw.length) leading = false;
    if (mode === 'reasoning') {
      let text = raw;
      if (trim) [text, pendingReasoning] = trimmed(raw, blockHasText, pendingReasoning);
      if (text.length === 0) return;
      if (!blockHasText && anyReasoning) text = `\n${text}`;
      blockHasText = true;
      anyReasoning = true;
      delta('reasoning-delta', text);
    } else {
      let text = raw;
      if (trim) [text, pendingContent] = trimmed(raw, contentHasText, pendingContent);
      if (text.length === 0) return;
      contentHasText = true;
      delta('content-delta', text);
    }
  };
  const startBlock = () => {
    blocks++;
    mode = 'reasoning';
    blockHasText = false;
    pendingReasoning = '';
    events.push({ type: 'reasoning-start' });
  };
  const close = (truncated: boolean) => {
    mode = 'content';
    pendingReasoning = '';
    events.push({ type: 'reasoning-end', truncated });
  };

  const scan = (text: string) => {
    let pos = 0;
    while (pos < text.length) {
      if (mode === 'content' && thinkingOff && blocks === 0 && leading) {
        const w = firstNonSpace(text, pos);
        const rest = text.slice(w);
        if (rest.startsWith(THINK_START)) {
          write(text.slice(pos, w));
          leading = false;
          startBlock();
          pos = w + THINK_START.length;
          continue;
        }
        if (THINK_START.startsWith(rest)) {
          write(text.slice(pos, w));
          held = rest;
          return;
        }
        leading = false;
      }
      const canOpen = mode === 'content' && (blocks === 0 ? !thinkingOff : multiple);
      const end = text.indexOf(THINK_END, pos);
      const start = canOpen ? text.indexOf(THINK_START, pos) : -1;
      const at = start >= 0 && (end < 0 || start < end) ? start : end;
      if (at < 0) {
        let hold = Math.max(
          partialSuffix(text, pos, THINK_END),
          canOpen ? partialSuffix(text, pos, THINK_START) : 0,
        );
        if (hold === 0 && text.length > pos && isHighSurrogate(text.charCodeAt(text.length - 1))) hold = 1;
        write(text.slice(pos, text.length - hold));
        held = text.slice(text.length - hold);
        return;
      }
      write(text.slice(pos, at));
      leading = false;
      if (at === start) {
        startBlock();
        pos = at + THINK_START.length;
      } else {
        if (mode === 'reasoning') close(false); // else: a stray [/THINK] is removed
        pos = at + THINK_END.length;
      }
    }
  };

  return {
    get state() {
      return mode;
    },
    push(chunk: string) {
      if (finished) throw new Error('push() after finish(): create a new parser for each stream.');
      if (startPending) {
        startPending = false;
        startBlock();
      }
      const text = held + chunk;
      held = '';
      scan(text);
      const out = events;
      events = [];
      return out;
    },
    finish() {
      if (finished) return [];
      finished = true;
      if (startPending) {
        startPending = false;
        startBlock();
      }
      write(held);
      held = '';
      if (mode === 'reasoning') close(true);
      const out = events;
      events = [];
      return out;
    },
  };
}
