import { readFileSync } from 'node:fs';
import { checkPlugin, parseReasoning } from '@distillery/core';
import {
  createSeededRandom,
  describeReasoningParserContract,
  expectChunkingInvariant,
} from '@distillery/testkit/vitest';
import { describe, expect, it } from 'vitest';
import plugin from './index';

const fixture = (name: string) => readFileSync(new URL(`./__fixtures__/${name}`, import.meta.url), 'utf8');

describeReasoningParserContract(plugin, {
  markers: { start: '[THINK]', end: '[/THINK]' },
  multipleBlocks: true,
  strayEnd: 'strip',
});

describe('mistral parser', () => {
  it('is the default export, a plugin core accepts under the id "mistral"', () => {
    expect(checkPlugin(plugin, '@acme/distillery-parser-mistral').id).toBe('mistral');
  });

  it('splits a Magistral answer', () => {
    const whole = expectChunkingInvariant(plugin, fixture('magistral-small.txt'));
    expect(whole.result).toEqual({
      reasoning:
        'The user asks for 15% of 80. 10% is 8 and 5% is 4, so 15% is 12. Double-check: 0.15 × 80 = 12.',
      content: '15% of 80 is **12**.\n',
      truncated: false,
      hasReasoning: true,
    });
  });

  it('treats output without [THINK] as content (reasoning_effort none)', () => {
    expect(parseReasoning(plugin, '15% of 80 is 12.')).toEqual({
      reasoning: '',
      content: '15% of 80 is 12.',
      truncated: false,
      hasReasoning: false,
    });
  });

  it('keeps an unclosed [THINK] as truncated reasoning', () => {
    expect(parseReasoning(plugin, '[THINK]10% is 8, and')).toEqual({
      reasoning: '10% is 8, and',
      content: '',
      truncated: true,
      hasReasoning: true,
    });
  });

  it('removes a stray [/THINK] from the content', () => {
    expect(parseReasoning(plugin, 'so 12.[/THINK]The answer is 12.')).toMatchObject({
      content: 'so 12.The answer is 12.',
      hasReasoning: false,
    });
  });

  it('holds a split control token and never emits part of it', () => {
    const parser = plugin.create();
    expect(parser.push('[THINK]abc[/TH')).toEqual([
      { type: 'reasoning-start' },
      { type: 'reasoning-delta', text: 'abc' },
    ]);
    expect(parser.push('INK]ok')).toEqual([
      { type: 'reasoning-end', truncated: false },
      { type: 'content-delta', text: 'ok' },
    ]);
  });

  it('gives the whole-text result for every chunking of random control-token soup', () => {
    const pieces = ['[THINK]', '[/THINK]', '[TH', 'INK]', '[/', '[', ' ', '\n', 'a', '😀'];
    const random = createSeededRandom(99);
    for (let n = 0; n < 60; n++) {
      const text = Array.from(
        { length: 1 + Math.floor(random() * 14) },
        () => pieces[Math.floor(random() * pieces.length)],
      ).join('');
      for (const options of [
        {},
        { trim: true },
        { thinking: false },
        { multipleBlocks: false },
        { promptTail: '[THINK]' },
      ]) {
        expectChunkingInvariant(plugin, text, options, { iterations: 15, everyPairUpTo: 0, seed: n });
      }
    }
  });
});
