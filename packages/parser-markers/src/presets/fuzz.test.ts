import type { ReasoningParseOptions } from '@distillery/core';
import { createSeededRandom, expectChunkingInvariant } from '@distillery/testkit/vitest';
import { describe, it } from 'vitest';
import { parsers } from '../index';

const FILLER = ['<', '[', ' ', '\n\n', 'a', 'answer', '😀', '思', '<function'];

/** The preset's own markers, each also cut in two, plus filler: random soup that hits every branch. */
function piecesOf(markers: readonly string[]): string[] {
  const pieces = [...FILLER];
  for (const marker of markers) {
    const cut = Math.max(1, Math.floor(marker.length / 2));
    pieces.push(marker, marker, marker.slice(0, cut), marker.slice(cut));
  }
  return pieces;
}

function optionsFor(start: string, end: string): readonly ReasoningParseOptions[] {
  return [
    {},
    { trim: true },
    { multipleBlocks: true, trim: true },
    { multipleBlocks: false },
    { thinking: false },
    { promptTail: `${start}\n` },
    { promptTail: `${start}\n\n${end}\n\n`, trim: true },
    { finishReason: 'stop' },
    { promptTail: start, finishReason: 'stop', trim: true },
    { finishReason: 'length' },
  ];
}

describe('fuzz: random marker soup', () => {
  for (const plugin of parsers) {
    it(`${plugin.id}: every chunking of random texts equals the whole text, under every option`, () => {
      const random = createSeededRandom(2024);
      const pieces = piecesOf(plugin.markers);
      const first = (value: string | readonly string[]) =>
        (typeof value === 'string' ? value : value[0]) as string;
      const options = optionsFor(first(plugin.spec.start), first(plugin.spec.end));
      for (let n = 0; n < 40; n++) {
        const length = 1 + Math.floor(random() * 16);
        const text = Array.from({ length }, () => pieces[Math.floor(random() * pieces.length)]).join('');
        for (const option of options) {
          expectChunkingInvariant(plugin, text, option, { iterations: 10, everyPairUpTo: 0, seed: n });
        }
      }
    });
  }
});
