import type { PluginBase } from './plugin-base';

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

/** One instance per stream; stateful. */
export interface ReasoningParser {
  readonly state: 'content' | 'reasoning';
  /** Feed the next chunk. Never emits part of a marker: a possible marker prefix is held back. */
  push(chunk: string): ReasoningEvent[];
  /** End of stream: flushes held text and closes an open block with `truncated: true`. */
  finish(): ReasoningEvent[];
}

export interface ReasoningParserPlugin extends PluginBase<'reasoning-parser'> {
  /** The markers this parser recognises, for help output, e.g. `['<think>', '</think>']`. */
  readonly markers?: readonly string[];
  create(options?: ReasoningParseOptions): ReasoningParser;
}

export interface ParsedReasoning {
  reasoning: string;
  content: string;
  /** The output ended inside a reasoning block. */
  truncated: boolean;
  /** At least one reasoning block was opened (possibly empty). */
  hasReasoning: boolean;
}

/** Folds parser events into a result. Whole-text parsing is push + finish, so modes cannot disagree. */
export function collectReasoningEvents(events: Iterable<ReasoningEvent>): ParsedReasoning {
  let reasoning = '';
  let content = '';
  let truncated = false;
  let hasReasoning = false;
  for (const event of events) {
    switch (event.type) {
      case 'reasoning-start':
        hasReasoning = true;
        break;
      case 'reasoning-delta':
        reasoning += event.text;
        break;
      case 'reasoning-end':
        if (event.truncated) truncated = true;
        break;
      case 'content-delta':
        content += event.text;
        break;
    }
  }
  return { reasoning, content, truncated, hasReasoning };
}

/** Parses a stream given as chunks (or one whole text) with a fresh parser instance. */
export function parseReasoning(
  plugin: ReasoningParserPlugin,
  chunks: string | Iterable<string>,
  options?: ReasoningParseOptions,
): ParsedReasoning {
  const parser = plugin.create(options);
  const events: ReasoningEvent[] = [];
  for (const chunk of typeof chunks === 'string' ? [chunks] : chunks) events.push(...parser.push(chunk));
  events.push(...parser.finish());
  return collectReasoningEvents(events);
}
