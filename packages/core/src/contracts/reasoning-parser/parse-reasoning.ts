import type { ReasoningEvent, ReasoningParseOptions, ReasoningParserV1 } from './v1/reasoning-parser-v1';

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
  plugin: ReasoningParserV1,
  chunks: string | Iterable<string>,
  options?: ReasoningParseOptions,
): ParsedReasoning {
  const parser = plugin.create(options);
  const events: ReasoningEvent[] = [];
  for (const chunk of typeof chunks === 'string' ? [chunks] : chunks) events.push(...parser.push(chunk));
  events.push(...parser.finish(options?.finishReason));
  return collectReasoningEvents(events);
}
