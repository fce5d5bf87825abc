export type CsvRow =
  | { line: number; fields: string[]; error?: undefined }
  | { line: number; fields?: undefined; error: string };

/** Line breaks as `\n` whatever the file used (CRLF, LF or a lone CR), across chunk boundaries. */
async function* normalizeNewlines(chunks: AsyncIterable<string>): AsyncGenerator<string> {
  let pendingCr = false;
  for await (const chunk of chunks) {
    let text = chunk;
    if (pendingCr && text.startsWith('\n')) text = text.slice(1);
    pendingCr = text.endsWith('\r');
    yield text.replace(/\r\n?/g, '\n');
  }
}

/**
 * Streaming RFC 4180 CSV: comma-separated, fields optionally quoted with `"`, `""` for a quote
 * inside quotes, line breaks inside quoted fields (kept as `\n`). Rows carry the line they start
 * on; blank lines are skipped. A stray quote inside an unquoted field is kept as text; text after
 * a closing quote and an unterminated quote are errors of that row.
 */
export async function* parseCsv(chunks: AsyncIterable<string>): AsyncGenerator<CsvRow> {
  let fields: string[] = [];
  let field = '';
  let state: 'start' | 'unquoted' | 'quoted' | 'after-quote' = 'start';
  let line = 1;
  let rowLine = 1;
  let rowError: string | undefined;
  let first = true;

  const endRow = (): CsvRow | undefined => {
    const blank = fields.length === 0 && field === '' && state === 'start';
    fields.push(field);
    const row: CsvRow | undefined = blank
      ? undefined
      : rowError
        ? { line: rowLine, error: rowError }
        : { line: rowLine, fields };
    fields = [];
    field = '';
    state = 'start';
    rowError = undefined;
    return row;
  };

  for await (let chunk of normalizeNewlines(chunks)) {
    if (first) {
      if (chunk.startsWith('\uFEFF')) chunk = chunk.slice(1);
      if (chunk !== '') first = false;
    }
    for (const c of chunk) {
      switch (state) {
        case 'start':
        case 'unquoted':
          if (c === ',') {
            fields.push(field);
            field = '';
            state = 'start';
          } else if (c === '\n') {
            const row = endRow();
            line++;
            rowLine = line;
            if (row) yield row;
          } else if (c === '"' && state === 'start') {
            state = 'quoted';
          } else {
            field += c;
            state = 'unquoted';
          }
          break;
        case 'quoted':
          if (c === '"') state = 'after-quote';
          else {
            if (c === '\n') line++;
            field += c;
          }
          break;
        case 'after-quote':
          if (c === '"') {
            field += '"';
            state = 'quoted';
          } else if (c === ',') {
            fields.push(field);
            field = '';
            state = 'start';
          } else if (c === '\n') {
            const row = endRow();
            line++;
            rowLine = line;
            if (row) yield row;
          } else {
            rowError ??= `unexpected ${JSON.stringify(c)} after a closing quote (write "" for a quote inside a quoted field)`;
            field += c;
            state = 'unquoted';
          }
          break;
      }
    }
  }
  if (state === 'quoted') {
    yield { line: rowLine, error: 'a quoted field is never closed (missing ")' };
    return;
  }
  const row = endRow();
  if (row) yield row;
}
