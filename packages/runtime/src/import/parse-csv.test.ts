import { describe, expect, it } from 'vitest';
import { type CsvRow, parseCsv } from './parse-csv';

async function parse(text: string, chunkSize = text.length || 1): Promise<CsvRow[]> {
  async function* chunks() {
    for (let i = 0; i < text.length; i += chunkSize) yield text.slice(i, i + chunkSize);
  }
  const rows: CsvRow[] = [];
  for await (const row of parseCsv(chunks())) rows.push(row);
  return rows;
}

const tricky =
  '\uFEFFinput,output,reasoning\r\n' +
  '"Say ""hi""",hi,plain\r\n' +
  '"line one\r\nline two",two,"a, b"\r\n' +
  '\r\n' +
  'x,"",\r\n' +
  'a 5" screen,ok,z\n' +
  'last,row,no newline';

describe('parseCsv', () => {
  it('handles quotes, doubled quotes, embedded newlines, CRLF, blank lines and a BOM', async () => {
    expect(await parse(tricky)).toEqual([
      { line: 1, fields: ['input', 'output', 'reasoning'] },
      { line: 2, fields: ['Say "hi"', 'hi', 'plain'] },
      { line: 3, fields: ['line one\nline two', 'two', 'a, b'] },
      { line: 6, fields: ['x', '', ''] },
      { line: 7, fields: ['a 5" screen', 'ok', 'z'] },
      { line: 8, fields: ['last', 'row', 'no newline'] },
    ]);
  });

  it('gives the same rows however the stream is chunked', async () => {
    const whole = await parse(tricky);
    for (const size of [1, 2, 3, 7]) expect(await parse(tricky, size)).toEqual(whole);
  });

  it('treats a lone CR as a line break', async () => {
    expect(await parse('a,b\rc,d\r')).toEqual([
      { line: 1, fields: ['a', 'b'] },
      { line: 2, fields: ['c', 'd'] },
    ]);
  });

  it('reports text after a closing quote and an unterminated quote at the row start line', async () => {
    expect(await parse('a,b\n"x"y,z\nok,1\n"open,\nmore\n')).toEqual([
      { line: 1, fields: ['a', 'b'] },
      { line: 2, error: expect.stringContaining('after a closing quote') },
      { line: 3, fields: ['ok', '1'] },
      { line: 4, error: expect.stringContaining('never closed') },
    ]);
  });
});
