import { describe, expect, it } from 'vitest';
import { parseStringList } from './parse-string-list';

describe('parseStringList', () => {
  it('reads a JSON array, fenced or surrounded by text', () => {
    expect(parseStringList('["a", "b"]')).toEqual(['a', 'b']);
    expect(parseStringList('Here you go:\n```json\n["a", " b ", "a", ""]\n```\nEnjoy.')).toEqual(['a', 'b']);
  });

  it('reads the only array of an object and objects with a text field', () => {
    expect(parseStringList('{"topics": ["x", {"topic": "y"}, {"n": 1}]}')).toEqual(['x', 'y', '{"n":1}']);
  });

  it('falls back to lines, dropping bullets, numbers and a heading', () => {
    expect(parseStringList('Topics:\n1. Fractions\n2) Percentages\n- Ratios\n* Ratios\n')).toEqual([
      'Fractions',
      'Percentages',
      'Ratios',
    ]);
  });

  it('keeps at most max items', () => {
    expect(parseStringList('["a","b","c"]', 2)).toEqual(['a', 'b']);
  });
});
