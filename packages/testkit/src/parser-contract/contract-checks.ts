import type { ReasoningEvent, ReasoningParseOptions, ReasoningParserPlugin } from '@distillery/core';
import { expect } from 'vitest';
import { createSeededRandom } from './create-seeded-random';
import { hasLoneSurrogate } from './has-lone-surrogate';
import {
  normalizeReasoningEvents,
  type ReasoningParserRun,
  runReasoningParser,
} from './run-reasoning-parser';
import { splitIntoRandomChunks } from './split-into-random-chunks';

function clip(value: unknown): string {
  const json = JSON.stringify(value);
  return json.length > 600 ? `${json.slice(0, 600)}… (${json.length} chars)` : json;
}

/**
 * Checks that an event sequence is well formed: deltas are non-empty; reasoning deltas only
 * inside a block; blocks do not nest; every start has an end; an end with `truncated: true` only
 * as the very last event; no delta holds half a surrogate pair unless the input did. Messages are
 * built only on failure, so the check stays cheap on long streams.
 */
export function expectWellFormedEvents(events: readonly ReasoningEvent[], input: string, label = ''): void {
  const inputHasLone = hasLoneSurrogate(input);
  const fail = (problem: string, index: number) =>
    expect.fail(`${problem}: ${label} event #${index} ${clip(events[index])} in ${clip(events)}`);
  let open = false;
  for (let index = 0; index < events.length; index++) {
    const event = events[index] as ReasoningEvent;
    switch (event.type) {
      case 'reasoning-start':
        if (open) fail('reasoning-start inside an open block', index);
        open = true;
        break;
      case 'reasoning-end':
        if (!open) fail('reasoning-end without reasoning-start', index);
        if (typeof event.truncated !== 'boolean') fail('reasoning-end.truncated must be a boolean', index);
        if (event.truncated && index !== events.length - 1)
          fail('truncated end before the last event', index);
        if (event.skippedThinking !== undefined) {
          if (event.skippedThinking !== true)
            fail('reasoning-end.skippedThinking must be true or absent', index);
          if (event.truncated) fail('a skipped-thinking end cannot be truncated', index);
          if (index !== events.length - 1) fail('skipped-thinking end before the last event', index);
        }
        open = false;
        break;
      case 'reasoning-delta':
      case 'content-delta':
        if (typeof event.text !== 'string' || event.text.length === 0) fail('empty delta', index);
        if (event.type === 'reasoning-delta' && !open) fail('reasoning-delta outside a block', index);
        if (!inputHasLone && hasLoneSurrogate(event.text)) fail('delta splits a surrogate pair', index);
        break;
      default:
        fail('unknown event type', index);
    }
  }
  if (open)
    expect.fail(`stream finished with an open block (finish() must close it with truncated: true) ${label}`);
}

function sameEvents(a: readonly ReasoningEvent[], b: readonly ReasoningEvent[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i] as ReasoningEvent;
    const y = b[i] as ReasoningEvent;
    if (x.type !== y.type) return false;
    if (
      (x.type === 'reasoning-delta' || x.type === 'content-delta') &&
      x.text !== (y as { text: string }).text
    ) {
      return false;
    }
    if (x.type === 'reasoning-end') {
      const other = y as { truncated: boolean; skippedThinking?: true };
      if (x.truncated !== other.truncated || x.skippedThinking !== other.skippedThinking) return false;
    }
  }
  return true;
}

function expectSameAsWhole(
  plugin: ReasoningParserPlugin,
  chunks: readonly string[],
  whole: ReasoningParserRun,
  wholeNormalized: readonly ReasoningEvent[],
  input: string,
  options: ReasoningParseOptions | undefined,
): void {
  const run = runReasoningParser(plugin, chunks, options);
  const label = () => `chunks ${clip(chunks)} options ${JSON.stringify(options ?? {})}`;
  expectWellFormedEvents(run.events, input, 'chunked');
  const normalized = normalizeReasoningEvents(run.events);
  if (!sameEvents(normalized, wholeNormalized)) {
    expect(normalized, `events differ from whole-text parsing for ${label()}`).toEqual(wholeNormalized);
  }
  if (JSON.stringify(run.result) !== JSON.stringify(whole.result)) {
    expect(run.result, `result differs from whole-text parsing for ${label()}`).toEqual(whole.result);
  }
}

export interface ChunkingCheckOptions {
  /** Random chunkings to try. Default 200. */
  iterations?: number;
  seed?: number;
  /** Largest random chunk, in UTF-16 code units. Default: 1 + a quarter of the text, at least 8. */
  maxChunk?: number;
  /** Try every single cut for texts up to this length (random cuts beyond). Default 512. */
  everyCutUpTo?: number;
  /** Try every pair of cuts for texts up to this length. Default 40. */
  everyPairUpTo?: number;
}

/**
 * Asserts that every tried chunking of `input` gives the same (normalised) events and result as
 * parsing it whole: one UTF-16 code unit at a time, every single cut and, for short texts, every
 * pair of cuts (so each marker is split at every position, and surrogate pairs are split too), and
 * random chunkings from a seeded PRNG. Returns the whole-text run.
 */
export function expectChunkingInvariant(
  plugin: ReasoningParserPlugin,
  input: string,
  parseOptions?: ReasoningParseOptions,
  check: ChunkingCheckOptions = {},
): ReasoningParserRun {
  const whole = runReasoningParser(plugin, [input], parseOptions);
  expectWellFormedEvents(whole.events, input, `whole text ${clip(input)}`);
  const normalized = normalizeReasoningEvents(whole.events);
  const same = (chunks: readonly string[]) =>
    expectSameAsWhole(plugin, chunks, whole, normalized, input, parseOptions);
  const random = createSeededRandom(check.seed ?? 0x5eed);

  same(input.split(''));
  const cuts =
    input.length <= (check.everyCutUpTo ?? 512)
      ? Array.from({ length: Math.max(0, input.length - 1) }, (_, i) => i + 1)
      : Array.from({ length: 64 }, () => 1 + Math.floor(random() * (input.length - 1)));
  for (const i of cuts) same([input.slice(0, i), input.slice(i)]);
  if (input.length <= (check.everyPairUpTo ?? 40)) {
    for (let i = 1; i < input.length; i++) {
      for (let j = i + 1; j < input.length; j++) same([input.slice(0, i), input.slice(i, j), input.slice(j)]);
    }
  }
  const maxChunk = check.maxChunk ?? Math.max(8, 1 + Math.floor(input.length / 4));
  const iterations = check.iterations ?? 200;
  for (let n = 0; n < iterations; n++) {
    const chunks = splitIntoRandomChunks(input, random, 1 + Math.floor(random() * maxChunk));
    // Empty chunks are legal and must change nothing.
    if (n % 7 === 0) chunks.splice(Math.floor(random() * (chunks.length + 1)), 0, '');
    same(chunks);
  }
  return whole;
}
