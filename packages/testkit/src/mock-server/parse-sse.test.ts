import { describe, expect, it } from 'vitest';
import { parseSse } from './parse-sse';

describe('parseSse', () => {
  it('parses named events, multi-line data, comments and any line ending', () => {
    const text =
      ': comment\nevent: ping\ndata: {"type":"ping"}\n\ndata: a\r\ndata: b\r\n\r\ndata:no-space\r\r';
    expect(parseSse(text)).toEqual([
      { event: 'ping', data: '{"type":"ping"}' },
      { data: 'a\nb' },
      { data: 'no-space' },
    ]);
  });

  it('drops an unterminated trailing event', () => {
    expect(parseSse('data: 1\n\ndata: 2')).toEqual([{ data: '1' }]);
  });
});
