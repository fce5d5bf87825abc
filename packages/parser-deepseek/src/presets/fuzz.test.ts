import type { ReasoningParseOptions } from '@distillery/core';
import { createSeededRandom, expectChunkingInvariant } from '@distillery/testkit/vitest';
import { describe, expect, it } from 'vitest';
import { parsers } from '../index';

const PIECES = [
  '<think>',
  '</think>',
  '<tool_call>',
  '<function',
  '<th',
  'ink>',
  '</th',
  '<',
  ' ',
  '\n\n',
  'a',
  'answer',
  '😀',
  '思',
];

const OPTIONS: readonly ReasoningParseOptions[] = [
  {},
  { trim: true },
  { multipleBlocks: true, trim: true },
  { multipleBlocks: false },
  { thinking: false },
  { promptTail: '<think>\n' },
  { promptTail: '<think>\n\n</think>\n\n', trim: true },
];

describe('fuzz: random marker soup', () => {
  for (const plugin of parsers) {
    it(`${plugin.id}: every chunking of random texts equals the whole text, under every option`, () => {
      const random = createSeededRandom(2024);
      let texts = 0;
      for (let n = 0; n < 60; n++) {
        const length = 1 + Math.floor(random() * 16);
        const text = Array.from({ length }, () => PIECES[Math.floor(random() * PIECES.length)]).join('');
        for (const options of OPTIONS) {
          expectChunkingInvariant(plugin, text, options, { iterations: 15, everyPairUpTo: 0, seed: n });
          texts++;
        }
      }
      expect(texts).toBe(60 * OPTIONS.length);
    });
  }
});
