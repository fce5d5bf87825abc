import type { FinishReason } from './model-provider';
import type { PluginBase } from './plugin-base';

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

/** One instance per stream; stateful. */
export interface ReasoningParser {
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

export interface ReasoningParserPlugin extends PluginBase<'reasoning-parser'> {
  /** The markers this parser recognises, for help output, e.g. `['<think>', '</think>']`. */
  readonly markers?: readonly string[];
  /**
   * Model ids this parser fits, as case-insensitive regular expressions matched anywhere in the id
   * (`gpt-oss`, `qwen3-.*-thinking`). `--parser auto` picks the parser whose pattern matches the
   * longest part of the model id (or of a fine-tune's base model).
   */
  readonly models?: readonly string[];
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
  let blocks = 0;
  let blockStart = 0;
  for (const event of events) {
    switch (event.type) {
      case 'reasoning-start':
        blocks++;
        blockStart = reasoning.length;
        break;
      case 'reasoning-delta':
        reasoning += event.text;
        break;
      case 'reasoning-end':
        if (event.truncated) truncated = true;
        if (event.skippedThinking) {
          // The template opened the block and the model stopped without closing it: its text is the answer.
          content += reasoning.slice(blockStart);
          reasoning = reasoning.slice(0, blockStart);
          blocks--;
        }
        break;
      case 'content-delta':
        content += event.text;
        break;
    }
  }
  return { reasoning, content, truncated, hasReasoning: blocks > 0 };
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
  events.push(...parser.finish(options?.finishReason));
  return collectReasoningEvents(events);
}
