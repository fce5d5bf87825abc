import { describe, expect, it } from 'vitest';
import { splitText } from './split-text';

describe('splitText', () => {
  it('splits on code points by default, never inside a surrogate pair', () => {
    expect(splitText('a👋b🤔', 1)).toEqual(['a', '👋', 'b', '🤔']);
    expect(splitText('abcde', 2)).toEqual(['ab', 'cd', 'e']);
  });

  it('splits on UTF-16 code units in code-unit mode, cutting surrogate pairs', () => {
    const pieces = splitText('a👋', 2, 'code-unit');
    expect(pieces).toEqual(['a\ud83d', '\udc4b']);
    expect(pieces.join('')).toBe('a👋');
  });

  it('returns no pieces for empty text and treats sizes below 1 as 1', () => {
    expect(splitText('', 4)).toEqual([]);
    expect(splitText('ab', 0)).toEqual(['a', 'b']);
    expect(splitText('abc', 2.7)).toEqual(['ab', 'c']);
  });
});
