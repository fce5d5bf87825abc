import type { PluginBase } from '../../plugin-base';

/**
 * What a parser emits while it reads a stream. `reasoning-start`/`reasoning-end` bracket each
 * block; `truncated` is true when the stream ended inside reasoning.
 */
export type ReasoningEvent =
  | { type: 'reasoning-start' }
  | { type: 'reasoning-delta'; text: string }
  | { type: 'reasoning-end'; truncated: boolean }
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
}

/** One parser instance per stream; stateful. */
export interface ReasoningStreamParserV1 {
  readonly state: 'content' | 'reasoning';
  /** Feed the next chunk. Never emits part of a marker: a possible marker prefix is held back. */
  push(chunk: string): ReasoningEvent[];
  /** End of stream: flushes held text and closes an open block with `truncated: true`. */
  finish(): ReasoningEvent[];
}

/** A reasoning parser plugin, contract v1: makes one stream parser per model output. */
export interface ReasoningParserV1 extends PluginBase<'reasoning-parser'> {
  /** The markers this parser recognises, for help output, e.g. `['<think>', '</think>']`. */
  readonly markers?: readonly string[];
  create(options?: ReasoningParseOptions): ReasoningStreamParserV1;
}

/** The current reasoning parser contract (the plugin). */
export type ReasoningParserPlugin = ReasoningParserV1;
/** The current per-stream parser instance. */
export type ReasoningParser = ReasoningStreamParserV1;
