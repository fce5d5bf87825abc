import type { FinishReason, ReasoningParseOptions, ReasoningParser } from '@distillery/core';
import { initialStateFromPromptTail } from './initial-state-from-prompt-tail';
import { skipWhitespace } from './is-whitespace';
import { ReasoningEventWriter } from './reasoning-event-writer';
import type { TagParserSpec } from './tag-parser-spec';

interface Marker {
  readonly id: number;
  readonly text: string;
  readonly kind: 'start' | 'end' | 'implicit' | 'strip';
  readonly confirm?: string;
}

interface CompiledSpec {
  readonly spec: TagParserSpec;
  readonly starts: readonly Marker[];
  readonly ends: readonly Marker[];
  readonly startTexts: readonly string[];
  readonly endTexts: readonly string[];
  /** Markers that can change the state while in reasoning. */
  readonly inReasoning: readonly Marker[];
  /** Markers dropped wherever they occur in the content. */
  readonly strip: readonly Marker[];
  readonly count: number;
  /** The distinct first characters of all markers: a chunk holding none of them cannot touch a marker. */
  readonly firstChars: readonly string[];
}

const compiled = new WeakMap<TagParserSpec, CompiledSpec>();

function list(value: string | readonly string[]): readonly string[] {
  return typeof value === 'string' ? [value] : value;
}

function checkMarker(text: string, what: string): void {
  if (typeof text !== 'string' || text.length === 0)
    throw new TypeError(`A tag parser ${what} must be a non-empty string.`);
  if (skipWhitespace(text, 0) !== 0) {
    throw new TypeError(`A tag parser ${what} must not begin with whitespace: ${JSON.stringify(text)}.`);
  }
}

function compile(spec: TagParserSpec): CompiledSpec {
  const cached = compiled.get(spec);
  if (cached) return cached;
  let id = 0;
  const starts = list(spec.start).map((text): Marker => {
    checkMarker(text, 'start marker');
    return { id: id++, text, kind: 'start' };
  });
  const ends = list(spec.end).map((text): Marker => {
    checkMarker(text, 'end marker');
    return { id: id++, text, kind: 'end' };
  });
  if (starts.length === 0 || ends.length === 0)
    throw new TypeError('A tag parser needs a start and an end marker.');
  const implicit = (spec.implicitEnd ?? []).map((m): Marker => {
    checkMarker(m.marker, 'implicit end marker');
    if (m.confirm !== undefined) {
      checkMarker(m.confirm, 'implicit end confirmation');
      return { id: id++, text: m.marker, kind: 'implicit', confirm: m.confirm };
    }
    return { id: id++, text: m.marker, kind: 'implicit' };
  });
  const strip = (spec.stripFromContent ?? []).map((text): Marker => {
    checkMarker(text, 'content marker to strip');
    return { id: id++, text, kind: 'strip' };
  });
  const result: CompiledSpec = {
    spec,
    starts,
    ends,
    startTexts: starts.map((m) => m.text),
    endTexts: ends.map((m) => m.text),
    inReasoning: [...ends, ...implicit],
    strip,
    count: id,
    firstChars: [...new Set([...starts, ...ends, ...implicit, ...strip].map((m) => m.text[0] as string))],
  };
  compiled.set(spec, result);
  return result;
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

/** Length of the longest suffix of `text` (not reaching before `from`) that is a proper prefix of a marker. */
function heldSuffixLength(text: string, from: number, markers: readonly Marker[]): number {
  const available = text.length - from;
  let best = 0;
  const len = text.length;
  for (const marker of markers) {
    const m = marker.text;
    const first = m.charCodeAt(0);
    for (let k = Math.min(m.length - 1, available); k > best; k--) {
      // Cheap first-character test before comparing the whole candidate; no allocation.
      if (text.charCodeAt(len - k) !== first) continue;
      let j = 1;
      while (j < k && text.charCodeAt(len - k + j) === m.charCodeAt(j)) j++;
      if (j === k) {
        best = k;
        break;
      }
    }
  }
  return best;
}

/**
 * The streaming state machine behind every `<think>`-style preset: two states (content and
 * reasoning) driven by literal markers.
 *
 * - The starting state is decided by the last marker in `options.promptTail` if it holds one, else
 *   by `thinking: false` (content), else by `spec.initial`.
 * - When the output starts inside reasoning, a leading start marker (after optional whitespace) is
 *   consumed: the template opened the block and the model repeated the opener.
 * - While in one state only the markers that can change it are searched; the longest suffix of the
 *   buffer that is a prefix of one of them is held back until the next chunk or `finish()`, and a
 *   trailing high surrogate is held so no delta splits a surrogate pair.
 * - A start marker inside reasoning is literal reasoning text (blocks do not nest).
 * - `stripFromContent` markers (answer wrappers such as `<answer>`) are dropped from the content.
 * - A block the template opened (`initial: 'reasoning'` or an open `promptTail`) that is still open
 *   when the stream ends with finish reason `stop` was the answer: the model skipped thinking, so
 *   it ends with `skippedThinking`. With `length` or no finish reason it is truncated reasoning.
 * - Each chunk is scanned once: the position of every marker is remembered within a push, so the
 *   work is linear in the input whatever the chunking.
 */
class TagParser implements ReasoningParser {
  readonly #c: CompiledSpec;
  readonly #writer: ReasoningEventWriter;
  readonly #leadingOnly: boolean;
  readonly #reopen: boolean;
  readonly #contentWithStart: readonly Marker[];
  readonly #contentWithoutStart: readonly Marker[];
  /** Where each marker occurs next in the text being scanned, valid while `#nextScan[id] === #scanNo`. */
  readonly #next: number[];
  readonly #nextScan: number[];
  #scanNo = 0;
  #mode: 'content' | 'reasoning';
  #held = '';
  /** Only whitespace so far and no marker consumed. */
  #leading = true;
  #blocks = 0;
  #pendingStart = false;
  #finished = false;
  /** The open block is the one the template opened. */
  #templateBlock = false;
  readonly #finishReason: FinishReason | undefined;

  constructor(c: CompiledSpec, options: ReasoningParseOptions) {
    const spec = c.spec;
    this.#c = c;
    this.#writer = new ReasoningEventWriter(options.trim ?? spec.trim ?? false);
    const thinkingOff = options.thinking === false;
    this.#leadingOnly = thinkingOff || spec.startMatch === 'leading';
    this.#reopen = (options.multipleBlocks ?? spec.multipleBlocks ?? false) && !thinkingOff;
    const stray = spec.strayEnd === 'strip' ? c.ends : [];
    this.#contentWithStart = [...c.starts, ...stray, ...c.strip];
    this.#contentWithoutStart = [...stray, ...c.strip];
    this.#finishReason = options.finishReason;
    this.#next = new Array<number>(c.count).fill(-1);
    this.#nextScan = new Array<number>(c.count).fill(0);
    const fromTail = initialStateFromPromptTail(options.promptTail, c.startTexts, c.endTexts);
    this.#mode = fromTail ?? (thinkingOff ? 'content' : (spec.initial ?? 'content'));
    if (this.#mode === 'reasoning') {
      this.#blocks = 1;
      this.#pendingStart = true;
      this.#templateBlock = true;
    }
  }

  get state(): 'content' | 'reasoning' {
    return this.#mode;
  }

  push(chunk: string) {
    if (this.#finished) throw new Error('push() after finish(): create a new parser for each stream.');
    if (this.#pendingStart) {
      this.#pendingStart = false;
      this.#writer.startBlock();
    }
    if (this.#held.length === 0 && !this.#leading && this.#isPlain(chunk)) {
      // Fast path for small stream chunks: nothing held, no marker can begin in this chunk.
      this.#emit(chunk);
      return this.#writer.take();
    }
    const text = this.#held.length > 0 ? this.#held + chunk : chunk;
    this.#held = '';
    if (text.length > 0) this.#scan(text);
    return this.#writer.take();
  }

  finish(finishReason: FinishReason | undefined = this.#finishReason) {
    if (this.#finished) return [];
    this.#finished = true;
    if (this.#pendingStart) {
      this.#pendingStart = false;
      this.#writer.startBlock();
    }
    if (this.#held.length > 0) {
      // A held marker prefix that never completed is plain text on the current side.
      this.#emit(this.#held);
      this.#held = '';
    }
    if (this.#mode === 'reasoning') {
      if (this.#templateBlock && finishReason === 'stop') this.#writer.endBlock(false, true);
      else this.#writer.endBlock(true);
    }
    return this.#writer.take();
  }

  #isPlain(chunk: string): boolean {
    if (chunk.length === 0 || chunk.length > 256 || isHighSurrogate(chunk.charCodeAt(chunk.length - 1)))
      return false;
    for (const first of this.#c.firstChars) if (chunk.includes(first)) return false;
    return true;
  }

  #relevant(): readonly Marker[] {
    if (this.#mode === 'reasoning') return this.#c.inReasoning;
    const canOpen = this.#blocks === 0 ? !this.#leadingOnly : this.#reopen;
    return canOpen ? this.#contentWithStart : this.#contentWithoutStart;
  }

  #emit(text: string): void {
    if (text.length === 0) return;
    if (this.#leading && skipWhitespace(text, 0) < text.length) this.#leading = false;
    if (this.#mode === 'reasoning') this.#writer.reasoning(text);
    else this.#writer.content(text);
  }

  #open(): void {
    this.#blocks++;
    this.#mode = 'reasoning';
    this.#writer.startBlock();
  }

  #close(): void {
    this.#mode = 'content';
    this.#templateBlock = false;
    this.#writer.endBlock(false);
  }

  #startAt(text: string, at: number): Marker | undefined {
    let found: Marker | undefined;
    for (const marker of this.#c.starts) {
      if (text.startsWith(marker.text, at) && (!found || marker.text.length > found.text.length))
        found = marker;
    }
    return found;
  }

  #isStartPrefix(text: string, at: number): boolean {
    const rest = text.length - at;
    for (const marker of this.#c.starts) {
      if (rest < marker.text.length && marker.text.startsWith(text.slice(at))) return true;
    }
    return false;
  }

  #scan(text: string): void {
    const len = text.length;
    const next = this.#next;
    const nextScan = this.#nextScan;
    const scanNo = ++this.#scanNo;
    let pos = 0;
    while (pos < len) {
      // The leading window: a start marker here opens the first block (thinking off / leading
      // presets) or is the model repeating the opener the prompt already holds (consumed).
      if (this.#leading && (this.#mode === 'reasoning' || this.#leadingOnly)) {
        const w = skipWhitespace(text, pos);
        if (w === len) {
          this.#emit(text.slice(pos));
          return;
        }
        const start = this.#startAt(text, w);
        if (start) {
          this.#emit(text.slice(pos, w));
          pos = w + start.text.length;
          this.#leading = false;
          if (this.#mode === 'content') this.#open();
          continue;
        }
        if (this.#isStartPrefix(text, w)) {
          this.#emit(text.slice(pos, w));
          this.#held = text.slice(w);
          return;
        }
        this.#leading = false;
      }

      const relevant = this.#relevant();
      let best: Marker | undefined;
      let bestIndex = -1;
      for (const marker of relevant) {
        let i = next[marker.id] as number;
        if (nextScan[marker.id] !== scanNo || (i !== -1 && i < pos)) {
          i = text.indexOf(marker.text, pos);
          next[marker.id] = i;
          nextScan[marker.id] = scanNo;
        }
        if (i < 0) continue;
        if (
          best === undefined ||
          i < bestIndex ||
          (i === bestIndex && marker.text.length > best.text.length)
        ) {
          best = marker;
          bestIndex = i;
        }
      }

      if (best === undefined) {
        let holdFrom = len - heldSuffixLength(text, pos, relevant);
        if (holdFrom === len && holdFrom > pos && isHighSurrogate(text.charCodeAt(len - 1))) holdFrom--;
        this.#emit(text.slice(pos, holdFrom));
        this.#held = text.slice(holdFrom);
        return;
      }

      const after = bestIndex + best.text.length;
      if (best.kind === 'implicit') {
        if (best.confirm !== undefined) {
          const r = skipWhitespace(text, after);
          const confirmed = text.startsWith(best.confirm, r);
          if (!confirmed) {
            if (len - r < best.confirm.length && best.confirm.startsWith(text.slice(r))) {
              // Cannot tell yet: hold the marker and what follows until more text arrives.
              this.#emit(text.slice(pos, bestIndex));
              this.#held = text.slice(bestIndex);
              return;
            }
            // Reasoning that merely mentions the marker: it is reasoning text.
            this.#emit(text.slice(pos, after));
            pos = after;
            continue;
          }
        }
        this.#emit(text.slice(pos, bestIndex));
        this.#leading = false;
        this.#close();
        pos = bestIndex; // the marker stays in the content
        continue;
      }

      this.#emit(text.slice(pos, bestIndex));
      pos = after;
      if (best.kind === 'strip') continue;
      this.#leading = false;
      if (best.kind === 'start') this.#open();
      else if (this.#mode === 'reasoning') this.#close();
      // else: a stray end marker in content with `strayEnd: 'strip'`: dropped.
    }
  }
}

/**
 * Creates one stateful parser for one stream. Options override the spec's defaults; see
 * TagParserSpec for the marker family and ReasoningParseOptions for the per-stream choices.
 */
export function createTagParser(spec: TagParserSpec, options: ReasoningParseOptions = {}): ReasoningParser {
  return new TagParser(compile(spec), options);
}
