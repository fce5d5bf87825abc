import { parseReasoning } from '@distillery/core';
import { createSeededRandom } from '@distillery/testkit/vitest';
import { describe, expect, it } from 'vitest';
import { parsers } from './index';

// Words that are no family's marker, with the characters markers begin with.
const WORDS = ['Let', 'me', 'think', 'x = 2', '<', '[', '/', '(no', '思考', '😀', '\n', ' ', '42', 'answer:'];

function randomText(random: () => number): string {
  const length = 1 + Math.floor(random() * 24);
  const text = Array.from({ length }, () => WORDS[Math.floor(random() * WORDS.length)]).join(' ');
  return text.trim() === '' ? 'x' : text;
}

/** Cuts `text` into chunks of 1–3 characters (by code point). */
function smallChunks(text: string, random: () => number): string[] {
  const chars = [...text];
  const chunks: string[] = [];
  for (let at = 0; at < chars.length; ) {
    const n = 1 + Math.floor(random() * 3);
    chunks.push(chars.slice(at, at + n).join(''));
    at += n;
  }
  return chunks;
}

describe('inline layout round trip (what `distill export --format r1 --parser ID` writes)', () => {
  it('every marker preset declares an inline layout', () => {
    expect(parsers.filter((p) => !p.inline).map((p) => p.id)).toEqual([]);
  });

  for (const plugin of parsers) {
    it(`${plugin.id}: parsing open + reasoning + close + answer gives both back, whole and streamed`, () => {
      const layout = plugin.inline!;
      const random = createSeededRandom(15);
      for (let n = 0; n < 60; n++) {
        const reasoning = randomText(random).trim();
        const answer = randomText(random).trim();
        const text = `${layout.open}${reasoning}${layout.close}${answer}${layout.answerEnd ?? ''}`;
        const expected = { reasoning, content: answer, truncated: false, hasReasoning: true };
        expect(parseReasoning(plugin, text, { trim: true }), JSON.stringify(text)).toEqual(expected);
        expect(parseReasoning(plugin, smallChunks(text, random), { trim: true })).toEqual(expected);
        // A stop finish reason does not turn a closed block into the answer.
        expect(parseReasoning(plugin, text, { trim: true, finishReason: 'stop' })).toEqual(expected);
      }
    });
  }
});
