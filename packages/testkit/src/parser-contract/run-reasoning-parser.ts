import {
  collectReasoningEvents,
  type ParsedReasoning,
  type ReasoningEvent,
  type ReasoningParseOptions,
  type ReasoningParserPlugin,
} from '@distillery/core';

export interface ReasoningParserRun {
  /** Every event, in order, across all pushes and finish(). */
  events: ReasoningEvent[];
  /** The events of each push, then those of finish() last. */
  perCall: ReasoningEvent[][];
  result: ParsedReasoning;
}

/** Feeds `chunks` to a fresh parser, then finishes it; returns the events and the folded result. */
export function runReasoningParser(
  plugin: ReasoningParserPlugin,
  chunks: readonly string[],
  options?: ReasoningParseOptions,
): ReasoningParserRun {
  const parser = plugin.create(options);
  const perCall: ReasoningEvent[][] = [];
  for (const chunk of chunks) perCall.push([...parser.push(chunk)]);
  perCall.push([...parser.finish(options?.finishReason)]);
  const events = perCall.flat();
  return { events, perCall, result: collectReasoningEvents(events) };
}

/**
 * The chunking-independent form of an event sequence: adjacent deltas of the same kind merged,
 * empty deltas dropped. Two chunkings of one stream must give the same normalised sequence.
 */
export function normalizeReasoningEvents(events: readonly ReasoningEvent[]): ReasoningEvent[] {
  const out: ReasoningEvent[] = [];
  for (const event of events) {
    if (event.type === 'reasoning-delta' || event.type === 'content-delta') {
      if (event.text.length === 0) continue;
      const last = out[out.length - 1];
      if (last !== undefined && last.type === event.type) {
        out[out.length - 1] = { type: event.type, text: last.text + event.text };
        continue;
      }
      out.push({ type: event.type, text: event.text });
      continue;
    }
    if (event.type === 'reasoning-end') {
      out.push(
        event.skippedThinking
          ? { type: event.type, truncated: event.truncated, skippedThinking: true }
          : { type: event.type, truncated: event.truncated },
      );
    } else out.push({ type: event.type });
  }
  return out;
}
