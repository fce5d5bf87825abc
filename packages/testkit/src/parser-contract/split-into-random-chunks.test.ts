import { describe, expect, it } from 'vitest';
import { createSeededRandom } from './create-seeded-random';
import { hasLoneSurrogate } from './has-lone-surrogate';
import { splitIntoRandomChunks } from './split-into-random-chunks';

describe('createSeededRandom', () => {
  it('repeats its sequence for a seed and differs across seeds', () => {
    const a = createSeededRandom(42);
    const b = createSeededRandom(42);
    const c = createSeededRandom(43);
    const seqA = Array.from({ length: 5 }, a);
    expect(Array.from({ length: 5 }, b)).toEqual(seqA);
    expect(Array.from({ length: 5 }, c)).not.toEqual(seqA);
    for (const x of seqA) expect(x >= 0 && x < 1).toBe(true);
  });
});

describe('splitIntoRandomChunks', () => {
  it('cuts a text into chunks of 1..maxSize code units that join back to it', () => {
    const text = 'abc😀<think>def</think>ghi'.repeat(10);
    const random = createSeededRandom(7);
    for (let n = 0; n < 50; n++) {
      const chunks = splitIntoRandomChunks(text, random, 5);
      expect(chunks.join('')).toBe(text);
      for (const chunk of chunks) expect(chunk.length >= 1 && chunk.length <= 5).toBe(true);
    }
  });

  it('sometimes cuts inside a surrogate pair', () => {
    const random = createSeededRandom(1);
    const chunks = Array.from({ length: 20 }, () => splitIntoRandomChunks('😀😀😀😀', random, 3)).flat();
    expect(chunks.some(hasLoneSurrogate)).toBe(true);
  });
});

describe('hasLoneSurrogate', () => {
  it('tells whole pairs from halves', () => {
    expect(hasLoneSurrogate('a😀𝕏b')).toBe(false);
    expect(hasLoneSurrogate('a\ud83d')).toBe(true);
    expect(hasLoneSurrogate('\ude00b')).toBe(true);
  });
});
