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
  plugin: ReasoningParserV1,
  chunks: string | Iterable<string>,
  options?: ReasoningParseOptions,
): ParsedReasoning {
  const parser = plugin.create(options);
  const events: ReasoningEvent[] = [];
  for (const chunk of typeof chunks === 'string' ? [chunks] : chunks) events.push(...parser.push(chunk));
  events.push(...parser.finish());
  return collectReasoningEvents(events);
}
