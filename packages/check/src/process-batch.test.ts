import { describe, expect, it } from 'vitest';
import { firstInvalidUtf8, forEachLine } from './process-batch';

function lines(text: string | Buffer): string[] {
  const buf = typeof text === 'string' ? Buffer.from(text) : text;
  const out: string[] = [];
  forEachLine(buf, (start, end) => out.push(buf.toString('utf8', start, end)));
  return out;
}

describe('forEachLine', () => {
  it('splits on LF, CRLF and lone CR like Python universal newlines', () => {
    expect(lines('a\nb\r\nc\rd')).toEqual(['a', 'b', 'c', 'd']);
    expect(lines('a\r\r\nb\n')).toEqual(['a', '', 'b']);
    expect(lines('a\n\n')).toEqual(['a', '']);
    expect(lines('')).toEqual([]);
    expect(lines('\r')).toEqual(['']);
  });

  it('does not split on other Unicode line separators', () => {
    expect(lines('a\u2028b\u0085c\fd\n')).toEqual(['a\u2028b\u0085c\fd']);
  });
});

describe('firstInvalidUtf8', () => {
  it.each([
    [[0x61, 0x62], -1],
    [[0x61, 0xff], 1],
    [[0xc3, 0xa9, 0xc3], 2],
    [[0xc0, 0x80], 0],
    [[0xed, 0xa0, 0x80], 0],
    [[0xf4, 0x90, 0x80, 0x80], 0],
    [[0xe6, 0x97, 0xa5, 0x61], -1],
    [[0xf0, 0x9f, 0x98, 0x80], -1],
  ])('%j -> %i', (bytes, expected) => {
    expect(firstInvalidUtf8(Uint8Array.from(bytes))).toBe(expected);
  });
});
