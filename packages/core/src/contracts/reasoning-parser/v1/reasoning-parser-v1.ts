import type { FinishReason } from '../../model-provider';
import type { PluginBase } from '../../plugin-base';

/**
 * What a parser emits while it reads a stream. `reasoning-start`/`reasoning-end` bracket each
 * block; `truncated` is true when the stream ended inside reasoning.
 *
 * `skippedThinking: true` (only on the last event, with `truncated: false`): the chat template
 * opened the block, the model never closed it and the stream ended with finish reason `stop`, so
 * the model skipped thinking and the block's text is the answer. Consumers move that block's
 * reasoning text to the content (`collectReasoningEvents` does).
 */
export type ReasoningEvent =
  | { type: 'reasoning-start' }
  | { type: 'reasoning-delta'; text: string }
  | { type: 'reasoning-end'; truncated: boolean; skippedThinking?: true }
  | { type: 'content-delta'; text: string };

export interface ReasoningParseOptions {
  /**
   * Whether thinking was requested. `false`: only a leading start marker counts as reasoning.
   * Undefined: the preset's default.
   */
  thinking?: boolean;
  /**
   * The end of the rendered prompt, when known. Its last marker decides the starting state
   * (an open marker: the output starts inside reasoning) and wins over `thinking`.
   */
  promptTail?: string;
  /** Accept several reasoning blocks; they are joined with a newline. */
  multipleBlocks?: boolean;
  /** Strip surrounding whitespace of the reasoning and of the answer. Default: verbatim. */
  trim?: boolean;
  /**
   * How the output ended, when known before parsing (whole text, imports). Decides what a block the
   * template opened and the model never closed means: `stop` is the answer (the model skipped
   * thinking), `length` or unknown is truncated reasoning. A stream passes it to `finish()`.
   */
  finishReason?: FinishReason;
}

/** One parser instance per stream; stateful. */
export interface ReasoningStreamParserV1 {
  readonly state: 'content' | 'reasoning';
  /** Feed the next chunk. Never emits part of a marker: a possible marker prefix is held back. */
  push(chunk: string): ReasoningEvent[];
  /**
   * End of stream: flushes held text and closes an open block with `truncated: true`, or with
   * `skippedThinking` when the template opened it and `finishReason` is `stop`. `finishReason`
   * defaults to `options.finishReason`; parsers that do not know it may ignore it.
   */
  finish(finishReason?: FinishReason): ReasoningEvent[];
}

/**
 * How a family's chat template writes reasoning inline in an assistant message:
 * `open + reasoning + close + answer + answerEnd`. Parsing that text with the same parser gives the
 * reasoning and the answer back (trimmed).
 */
export interface InlineReasoningLayout {
  readonly open: string;
  readonly close: string;
  /** Written after the answer (Hunyuan's `</answer>`); default none. */
  readonly answerEnd?: string;
}

/** A reasoning parser plugin, contract v1: makes one stream parser per model output. */
export interface ReasoningParserV1 extends PluginBase<'reasoning-parser'> {
  /** The markers this parser recognises, for help output, e.g. `['<think>', '</think>']`. */
  readonly markers?: readonly string[];
  /**
   * Model ids this parser fits, as case-insensitive regular expressions matched anywhere in the id
   * (`gpt-oss`, `qwen3-.*-thinking`). The package's manifest repeats them, so `--parser auto` picks
   * a parser from manifests without importing any: the pattern that matches the longest part of
   * the model id (or of a fine-tune's base model) wins.
   */
  readonly models?: readonly string[];
  /**
   * How the family's chat template takes reasoning inline, for exporting a student's training data
   * (`distill export --format r1 --parser ID`). Absent when the family keeps reasoning elsewhere
   * (gpt-oss Harmony channels).
   */
  readonly inline?: InlineReasoningLayout;
  create(options?: ReasoningParseOptions): ReasoningStreamParserV1;
}

/** The current reasoning parser contract (the plugin). */
export type ReasoningParserPlugin = ReasoningParserV1;
/** The current per-stream parser instance. */
export type ReasoningParser = ReasoningStreamParserV1;
