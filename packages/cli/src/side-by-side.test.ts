import { describe, expect, it } from 'vitest';
import { sideBySide, stacked, wrapText } from './side-by-side';

describe('wrapText', () => {
  it('wraps at word boundaries, keeps newlines and splits words longer than the width', () => {
    expect(wrapText('one two three four', 9)).toEqual(['one two', 'three', 'four']);
    expect(wrapText('a\n\nb', 5)).toEqual(['a', '', 'b']);
    expect(wrapText('abcdefghij', 4)).toEqual(['abcd', 'efgh', 'ij']);
  });

  it('counts characters, not UTF-16 units', () => {
    expect(wrapText('😀😀😀 ab', 3)).toEqual(['😀😀😀', 'ab']);
  });
});

describe('sideBySide', () => {
  it('puts two wrapped columns next to each other, no line wider than the width', () => {
    const out = sideBySide(
      { title: 'Reasoning', text: 'First add the numbers then double the result carefully.' },
      { title: 'Answer', text: '42' },
      41,
    );
    const lines = out.split('\n');
    expect(lines[0]).toBe('Reasoning           │ Answer');
    expect(lines[2]).toBe('First add the       │ 42');
    for (const line of lines) expect([...line].length).toBeLessThanOrEqual(41);
    expect(
      lines
        .slice(2)
        .map((l) => l.split('│')[0]!.trim())
        .join(' '),
    ).toBe('First add the numbers then double the result carefully.');
  });

  it('stacks the columns when asked', () => {
    expect(stacked({ title: 'R', text: 'a b' }, { title: 'A', text: 'c' }, 80)).toBe('R\na b\n\nA\nc');
  });
});
