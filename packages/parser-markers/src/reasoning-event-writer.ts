import type { ReasoningEvent } from '@distillery/core';
import { skipWhitespace, trailingWhitespaceStart } from './is-whitespace';

/** Separator placed between the texts of two reasoning blocks. */
export const BLOCK_SEPARATOR = '\n';

/**
 * The output side of a tag parser: turns the raw text the marker machine routes to each side into
 * events. It merges adjacent deltas, joins reasoning blocks with a newline (only between blocks that
 * have text, so an empty block adds no stray separator) and, with `trim`, strips the whitespace
 * around each reasoning block and around the whole answer. Trailing whitespace is held until
 * non-whitespace text follows on the same side, so trimming streams exactly like whole text.
 */
export class ReasoningEventWriter {
  readonly #trim: boolean;
  #events: ReasoningEvent[] = [];
  #blockHasText = false;
  #anyReasoningText = false;
  #pendingReasoning = '';
  #contentHasText = false;
  #pendingContent = '';

  constructor(trim: boolean) {
    this.#trim = trim;
  }

  /** Returns the events written since the last call. */
  take(): ReasoningEvent[] {
    const events = this.#events;
    this.#events = [];
    return events;
  }

  startBlock(): void {
    this.#blockHasText = false;
    this.#pendingReasoning = '';
    this.#events.push({ type: 'reasoning-start' });
  }

  /** `skippedThinking`: the block was the answer (see ReasoningEvent); only at the end of the stream. */
  endBlock(truncated: boolean, skippedThinking = false): void {
    this.#pendingReasoning = '';
    this.#events.push(
      skippedThinking
        ? { type: 'reasoning-end', truncated, skippedThinking }
        : { type: 'reasoning-end', truncated },
    );
  }

  reasoning(text: string): void {
    if (text.length === 0) return;
    if (this.#trim) {
      let body = text;
      if (!this.#blockHasText) {
        body = body.slice(skipWhitespace(body, 0));
        if (body.length === 0) return;
      }
      const cut = trailingWhitespaceStart(body);
      if (cut === 0) {
        this.#pendingReasoning += body;
        return;
      }
      const out = this.#pendingReasoning + body.slice(0, cut);
      this.#pendingReasoning = body.slice(cut);
      this.#writeReasoning(out);
      return;
    }
    this.#writeReasoning(text);
  }

  content(text: string): void {
    if (text.length === 0) return;
    if (this.#trim) {
      let body = text;
      if (!this.#contentHasText) {
        body = body.slice(skipWhitespace(body, 0));
        if (body.length === 0) return;
      }
      const cut = trailingWhitespaceStart(body);
      if (cut === 0) {
        this.#pendingContent += body;
        return;
      }
      const out = this.#pendingContent + body.slice(0, cut);
      this.#pendingContent = body.slice(cut);
      this.#contentHasText = true;
      this.#delta('content-delta', out);
      return;
    }
    this.#contentHasText = true;
    this.#delta('content-delta', text);
  }

  #writeReasoning(text: string): void {
    const out = !this.#blockHasText && this.#anyReasoningText ? BLOCK_SEPARATOR + text : text;
    this.#blockHasText = true;
    this.#anyReasoningText = true;
    this.#delta('reasoning-delta', out);
  }

  #delta(type: 'reasoning-delta' | 'content-delta', text: string): void {
    const last = this.#events[this.#events.length - 1];
    if (last !== undefined && last.type === type) {
      last.text += text;
      return;
    }
    this.#events.push({ type, text });
  }
}
