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

/**
 * Checks that an event sequence is well formed: deltas are non-empty; reasoning deltas only
 * inside a block; blocks do not nest; every start has an end; an end with `truncated: true` only
 * as the very last event; no delta holds half a surrogate pair unless the input did.
 */
export function expectWellFormedEvents(events: readonly ReasoningEvent[], input: string, label = ''): void {
  const inputHasLone = hasLoneSurrogate(input);
  let open = false;
  events.forEach((event, index) => {
    const where = `${label} event #${index} ${JSON.stringify(event)} in ${JSON.stringify(events)}`;
    switch (event.type) {
      case 'reasoning-start':
        expect(open, `reasoning-start inside an open block: ${where}`).toBe(false);
        open = true;
        break;
      case 'reasoning-end':
        expect(open, `reasoning-end without reasoning-start: ${where}`).toBe(true);
        expect(typeof event.truncated, `reasoning-end.truncated must be a boolean: ${where}`).toBe('boolean');
        if (event.truncated)
          expect(index, `truncated end before the last event: ${where}`).toBe(events.length - 1);
        open = false;
        break;
      case 'reasoning-delta':
      case 'content-delta':
        expect(event.text.length, `empty delta: ${where}`).toBeGreaterThan(0);
        if (event.type === 'reasoning-delta')
          expect(open, `reasoning-delta outside a block: ${where}`).toBe(true);
        if (!inputHasLone)
          expect(hasLoneSurrogate(event.text), `delta splits a surrogate pair: ${where}`).toBe(false);
        break;
      default:
        throw new Error(`unknown event type: ${where}`);
    }
  });
  expect(
    open,
    `stream finished with an open block (finish() must close it with truncated: true) ${label}`,
  ).toBe(false);
}

function expectSameAsWhole(
  plugin: ReasoningParserPlugin,
  chunks: readonly string[],
  whole: ReasoningParserRun,
  input: string,
  options: ReasoningParseOptions | undefined,
): void {
  const run = runReasoningParser(plugin, chunks, options);
  const label = `chunks ${JSON.stringify(chunks)} options ${JSON.stringify(options ?? {})}`;
  expectWellFormedEvents(run.events, input, label);
  expect(normalizeReasoningEvents(run.events), `events differ from whole-text parsing for ${label}`).toEqual(
    normalizeReasoningEvents(whole.events),
  );
  expect(run.result, `result differs from whole-text parsing for ${label}`).toEqual(whole.result);
}

export interface ChunkingCheckOptions {
  /** Random chunkings to try. Default 200. */
  iterations?: number;
  seed?: number;
  /** Largest random chunk, in UTF-16 code units. Default: 1 + a quarter of the text, at least 8. */
  maxChunk?: number;
  /** Also try every single cut and, for texts up to this length, every pair of cuts. Default 48. */
  exhaustiveUpTo?: number;
}

/**
 * Asserts that every tried chunking of `input` gives the same (normalised) events and result as
 * parsing it whole: random chunkings from a seeded PRNG, one code unit at a time, every single cut
 * and, for short texts, every pair of cuts (so each marker is split at every position, and
 * surrogate pairs are split too). Returns the whole-text run.
 */
export function expectChunkingInvariant(
  plugin: ReasoningParserPlugin,
  input: string,
  parseOptions?: ReasoningParseOptions,
  check: ChunkingCheckOptions = {},
): ReasoningParserRun {
  const whole = runReasoningParser(plugin, [input], parseOptions);
  expectWellFormedEvents(whole.events, input, `whole text ${JSON.stringify(input)}`);
  // One UTF-16 code unit at a time: splits every marker and every surrogate pair.
  expectSameAsWhole(plugin, input.split(''), whole, input, parseOptions);
  const exhaustiveUpTo = check.exhaustiveUpTo ?? 48;
  for (let i = 1; i < input.length; i++) {
    expectSameAsWhole(plugin, [input.slice(0, i), input.slice(i)], whole, input, parseOptions);
    if (input.length <= exhaustiveUpTo) {
      for (let j = i + 1; j < input.length; j++) {
        expectSameAsWhole(
          plugin,
          [input.slice(0, i), input.slice(i, j), input.slice(j)],
          whole,
          input,
          parseOptions,
        );
      }
    }
  }
  const random = createSeededRandom(check.seed ?? 0x5eed);
  const maxChunk = check.maxChunk ?? Math.max(8, 1 + Math.floor(input.length / 4));
  const iterations = check.iterations ?? 200;
  for (let n = 0; n < iterations; n++) {
    const chunks = splitIntoRandomChunks(input, random, 1 + Math.floor(random() * maxChunk));
    // Empty chunks are legal and must change nothing.
    if (n % 7 === 0) chunks.splice(Math.floor(random() * (chunks.length + 1)), 0, '');
    expectSameAsWhole(plugin, chunks, whole, input, parseOptions);
  }
  return whole;
}
