import type { FinishReason, ReasoningParseOptions, ReasoningParser } from '@distillery/core';
import { ReasoningEventWriter, skipWhitespace } from '@distillery/parser-markers';

export const START = '<|start|>';
export const CHANNEL = '<|channel|>';
export const MESSAGE = '<|message|>';
export const CONSTRAIN = '<|constrain|>';
export const END = '<|end|>';
export const CALL = '<|call|>';
export const RETURN = '<|return|>';
/** The special-tokens-stripped text form: `analysis…assistantfinal…`. */
export const TEXT_ANALYSIS = 'analysis';
export const TEXT_FINAL = 'assistantfinal';
export const TEXT_COMMENTARY = 'assistantcommentary';

/** A header longer than this with no `<|message|>` was not a header: its opener is literal text. */
const MAX_HEADER = 256;

const OPENERS = [START, CHANNEL] as const;
const ENDS = [END, CALL, RETURN] as const;
const IN_CONTENT = [...OPENERS, ...ENDS];
const IN_HEADER = [MESSAGE, ...ENDS];
const IN_BODY = [...ENDS, START];
const IN_TEXT_ANALYSIS = [TEXT_FINAL, TEXT_COMMENTARY];

type Body = 'reasoning' | 'content' | 'tool';
type Mode = 'content' | 'header' | 'body' | 'text-analysis';

interface Header {
  channel: string | undefined;
  recipient: string | undefined;
}

/** The channel and recipient of a message header (`<|channel|>commentary to=functions.f <|constrain|>json`). */
export function readHeader(header: string): Header {
  let channel: string | undefined;
  for (const m of header.matchAll(/<\|channel\|>\s*([A-Za-z_]+)/g)) channel = m[1];
  const recipient = /(?:^|[\s>|])to=([^\s<]+)/.exec(header)?.[1];
  return { channel, recipient };
}

function bodyOf(header: Header): Body {
  if (header.recipient !== undefined) return 'tool';
  return header.channel === 'analysis' ? 'reasoning' : 'content';
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

function isAsciiLetter(code: number): boolean {
  return (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
}

/** Earliest marker at or after `from` (the longest on a tie), or undefined. */
function findFirst(
  text: string,
  from: number,
  markers: readonly string[],
): { at: number; marker: string } | undefined {
  let best: { at: number; marker: string } | undefined;
  for (const marker of markers) {
    const at = text.indexOf(marker, from);
    if (at < 0) continue;
    if (!best || at < best.at || (at === best.at && marker.length > best.marker.length))
      best = { at, marker };
  }
  return best;
}

/** Where the held tail of `text` starts: the longest suffix (after `from`) that is a proper prefix of a marker. */
function holdFrom(text: string, from: number, markers: readonly string[]): number {
  let best = 0;
  for (const m of markers) {
    for (let k = Math.min(m.length - 1, text.length - from); k > best; k--) {
      if (text.startsWith(m.slice(0, k), text.length - k)) {
        best = k;
        break;
      }
    }
  }
  let at = text.length - best;
  if (best === 0 && at > from && isHighSurrogate(text.charCodeAt(at - 1))) at--;
  return at;
}

/** The starting mode from the end of the rendered prompt: an open message continues its channel. */
function fromPromptTail(tail: string | undefined): Body | undefined {
  if (!tail) return undefined;
  const message = tail.lastIndexOf(MESSAGE);
  if (message < 0) return undefined;
  const lastEnd = Math.max(...ENDS.map((t) => tail.lastIndexOf(t)));
  if (lastEnd > message) return undefined;
  return bodyOf(readHeader(tail.slice(Math.max(lastEnd, 0), message)));
}

/**
 * A streaming parser for gpt-oss Harmony output.
 *
 * - Messages are `<|start|>role<|channel|>name[ to=recipient][ <|constrain|>fmt]<|message|>body`
 *   ending in `<|end|>`, `<|call|>` or `<|return|>`, or with none at the end of the stream (servers
 *   stop on `<|return|>` and leave it out). The prompt usually ends `<|start|>assistant`, so the
 *   output begins at `<|channel|>`.
 * - `analysis` bodies are reasoning (one block each, joined with "\n"); `final` and commentary
 *   preambles are content, their headers dropped; a message with a recipient (`to=functions.f`) is a
 *   tool call, handed on raw (header, body and `<|call|>`) in the content for a tool-call parser.
 * - A message that starts (`<|start|>`) before the previous one ended closes it.
 * - With special tokens stripped, output reads `analysisREASONINGassistantfinalANSWER`: a leading
 *   `analysis` followed by a letter opens reasoning, `assistantfinal` ends it (dropped) and
 *   `assistantcommentary` ends it (kept in the content).
 * - Stray end tokens in the content are dropped; a header that never reaches `<|message|>` within
 *   256 characters, or is cut off by the end of the stream, is literal text.
 * - Split tokens are held back until the next chunk or `finish()`, as in the marker machine.
 * - `promptTail` ending inside a message (`…<|channel|>analysis<|message|>`) starts in its channel;
 *   such a block still open at the end is the answer with finish reason `stop` (skipped thinking).
 * - `thinking: false` honours only an analysis message at the start; `multipleBlocks: false` only
 *   the first. An analysis message that does not count is literal content.
 */
class HarmonyParser implements ReasoningParser {
  readonly #writer: ReasoningEventWriter;
  readonly #thinkingOff: boolean;
  readonly #multiple: boolean;
  readonly #finishReason: FinishReason | undefined;
  #mode: Mode = 'content';
  #body: Body = 'content';
  #header = '';
  #held = '';
  /** Only whitespace so far and no message opened. */
  #leading = true;
  /** Still at the very start, where the stripped text form can begin. */
  #atStart = true;
  #blocks = 0;
  #pendingStart = false;
  #templateBlock = false;
  #finished = false;

  constructor(options: ReasoningParseOptions) {
    this.#writer = new ReasoningEventWriter(options.trim ?? false);
    this.#thinkingOff = options.thinking === false;
    this.#multiple = (options.multipleBlocks ?? true) && !this.#thinkingOff;
    this.#finishReason = options.finishReason;
    const body = fromPromptTail(options.promptTail);
    if (body !== undefined) {
      this.#mode = 'body';
      this.#body = body;
      this.#atStart = false;
      if (body === 'reasoning') {
        this.#blocks = 1;
        this.#pendingStart = true;
        this.#templateBlock = true;
      }
    }
  }

  get state(): 'content' | 'reasoning' {
    return this.#mode === 'text-analysis' || (this.#mode === 'body' && this.#body === 'reasoning')
      ? 'reasoning'
      : 'content';
  }

  push(chunk: string) {
    if (this.#finished) throw new Error('push() after finish(): create a new parser for each stream.');
    this.#startPending();
    const text = this.#held + chunk;
    this.#held = '';
    if (text.length > 0) this.#scan(text);
    return this.#writer.take();
  }

  finish(finishReason: FinishReason | undefined = this.#finishReason) {
    if (this.#finished) return [];
    this.#finished = true;
    this.#startPending();
    const held = this.#held;
    this.#held = '';
    if (this.#mode === 'header') {
      // Never reached <|message|>: literal text.
      this.#content(this.#header + held);
      this.#header = '';
      this.#mode = 'content';
    } else {
      this.#emit(held);
    }
    if (this.state === 'reasoning') {
      if (this.#templateBlock && finishReason === 'stop') this.#writer.endBlock(false, true);
      else this.#writer.endBlock(true);
    }
    return this.#writer.take();
  }

  #startPending(): void {
    if (!this.#pendingStart) return;
    this.#pendingStart = false;
    this.#writer.startBlock();
  }

  #content(text: string): void {
    if (text.length === 0) return;
    if (this.#leading && skipWhitespace(text, 0) < text.length) this.#leading = false;
    this.#writer.content(text);
  }

  /** Text on the current side. */
  #emit(text: string): void {
    if (text.length === 0) return;
    if (this.state === 'reasoning') this.#writer.reasoning(text);
    else this.#content(text);
  }

  #open(): void {
    this.#blocks++;
    this.#leading = false;
    this.#writer.startBlock();
  }

  #endBody(): void {
    if (this.state === 'reasoning') this.#writer.endBlock(false);
    this.#templateBlock = false;
    this.#mode = 'content';
    this.#body = 'content';
  }

  #relevant(): readonly string[] {
    switch (this.#mode) {
      case 'content':
        return IN_CONTENT;
      case 'header':
        return IN_HEADER;
      case 'body':
        return IN_BODY;
      case 'text-analysis':
        return IN_TEXT_ANALYSIS;
    }
  }

  #scan(input: string): void {
    let text = input;
    let pos = 0;
    while (pos < text.length) {
      if (this.#atStart) {
        // The stripped text form can only begin the output: `analysis` then a letter.
        const w = skipWhitespace(text, pos);
        if (w === text.length) {
          this.#held = text.slice(pos);
          return;
        }
        const rest = text.length - w;
        if (rest <= TEXT_ANALYSIS.length && TEXT_ANALYSIS.startsWith(text.slice(w))) {
          this.#held = text.slice(pos);
          return;
        }
        this.#atStart = false;
        if (text.startsWith(TEXT_ANALYSIS, w) && isAsciiLetter(text.charCodeAt(w + TEXT_ANALYSIS.length))) {
          this.#content(text.slice(pos, w));
          this.#mode = 'text-analysis';
          this.#open();
          pos = w + TEXT_ANALYSIS.length;
          continue;
        }
      }

      const markers = this.#relevant();
      const found = findFirst(text, pos, markers);
      if (this.#mode === 'header') {
        const limit = found ? found.at : holdFrom(text, pos, markers);
        const opener = OPENERS.find((o) => this.#header.startsWith(o)) as string;
        if (this.#header.length - opener.length + (limit - pos) > MAX_HEADER) {
          // Not a header: its opener was literal text; read the rest again as content.
          text = this.#header.slice(opener.length) + text.slice(pos);
          pos = 0;
          this.#header = '';
          this.#mode = 'content';
          this.#content(opener);
          continue;
        }
      }
      if (!found) {
        const from = holdFrom(text, pos, markers);
        if (this.#mode === 'header') this.#header += text.slice(pos, from);
        else this.#emit(text.slice(pos, from));
        this.#held = text.slice(from);
        return;
      }
      const { at, marker } = found;
      const after = at + marker.length;
      switch (this.#mode) {
        case 'content':
          this.#emit(text.slice(pos, at));
          if (marker === START || marker === CHANNEL) {
            this.#mode = 'header';
            this.#header = marker;
          }
          // else: a stray end token, dropped
          pos = after;
          break;
        case 'header': {
          const header = this.#header + text.slice(pos, at);
          this.#header = '';
          pos = after;
          if (marker !== MESSAGE) {
            // An end token before <|message|>: the header was literal text.
            this.#mode = 'content';
            this.#content(header);
            break;
          }
          const body = bodyOf(readHeader(header));
          if (body === 'reasoning') {
            const allowed = this.#blocks === 0 ? !(this.#thinkingOff && !this.#leading) : this.#multiple;
            if (!allowed) {
              this.#mode = 'content';
              this.#content(header + MESSAGE);
              break;
            }
            this.#mode = 'body';
            this.#body = body;
            this.#open();
            break;
          }
          this.#mode = 'body';
          this.#body = body;
          if (body === 'tool') this.#content(header + MESSAGE);
          break;
        }
        case 'body': {
          this.#emit(text.slice(pos, at));
          const tool = this.#body === 'tool';
          this.#endBody();
          if (marker === START) {
            this.#mode = 'header';
            this.#header = START;
          } else if (tool) this.#content(marker);
          pos = after;
          break;
        }
        case 'text-analysis':
          this.#emit(text.slice(pos, at));
          this.#endBody();
          pos = marker === TEXT_FINAL ? after : at;
          break;
      }
    }
  }
}

/** One stateful Harmony parser for one stream. */
export function createHarmonyParser(options: ReasoningParseOptions = {}): ReasoningParser {
  return new HarmonyParser(options);
}
