import { readInputChunks, readInputLines } from '../input-file/read-utf8-lines';
import { CSV_COLUMNS, REQUIRED_CSV_COLUMNS } from './convert-csv-row';
import { parseCsv } from './parse-csv';

/** One record of an import file, or why it could not be read. */
export type SourceRecord =
  | { line: number; record: Record<string, unknown>; error?: undefined }
  | { line: number; record?: undefined; error: string };

/** How a record reader opens its file: the path, how messages name it, and what an encoding error means. */
export interface RecordSource {
  file: string;
  shownAs: string;
  signal?: AbortSignal;
}

const NOTHING_IMPORTED = 'nothing was imported';

/**
 * JSONL records, streamed line by line (LF, CRLF or CR). Blank lines are skipped; a UTF-8 byte
 * order mark on line 1 is ignored. A byte that is not UTF-8 stops the import (an InputError naming
 * its line).
 */
export async function* readJsonlRecords(source: RecordSource): AsyncGenerator<SourceRecord> {
  const lines = readInputLines(source.file, { ...source, consequence: NOTHING_IMPORTED });
  let line = 0;
  for await (let text of lines) {
    line++;
    if (line === 1 && text.startsWith('\uFEFF')) text = text.slice(1);
    if (text.trim() === '') continue;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (error) {
      yield { line, error: `invalid JSON: ${(error as Error).message}` };
      continue;
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      yield {
        line,
        error: `expected a JSON object, found ${Array.isArray(value) ? 'an array' : JSON.stringify(value)}`,
      };
      continue;
    }
    yield { line, record: value as Record<string, unknown> };
  }
}

/**
 * CSV records keyed by lower-cased header names. The header is required and must name `input`
 * and `output`; unknown or repeated columns are reported on the header's line (an unknown
 * column is more often a typo, such as `reasonning`, than data to drop).
 */
export async function* readCsvRecords(source: RecordSource): AsyncGenerator<SourceRecord> {
  let header: string[] | undefined;
  for await (const row of parseCsv(
    readInputChunks(source.file, { ...source, consequence: NOTHING_IMPORTED }),
  )) {
    if (row.error !== undefined) {
      yield { line: row.line, error: row.error };
      if (!header) return;
      continue;
    }
    if (!header) {
      header = row.fields.map((name) => name.trim().toLowerCase());
      const problems: string[] = [];
      const missing = REQUIRED_CSV_COLUMNS.filter((c) => !header!.includes(c));
      if (missing.length > 0) problems.push(`missing column ${missing.map((c) => `"${c}"`).join(' and ')}`);
      const unknown = header.filter((name) => !(CSV_COLUMNS as readonly string[]).includes(name));
      if (unknown.length > 0) {
        problems.push(
          `unknown column ${unknown.map((c) => JSON.stringify(c)).join(', ')} (known: ${CSV_COLUMNS.join(', ')})`,
        );
      }
      const repeated = header.filter((name, i) => header!.indexOf(name) !== i);
      if (repeated.length > 0) problems.push(`repeated column ${repeated.map((c) => `"${c}"`).join(', ')}`);
      if (problems.length > 0) {
        yield { line: row.line, error: `bad header: ${problems.join('; ')}` };
        return;
      }
      continue;
    }
    if (row.fields.length !== header.length) {
      yield {
        line: row.line,
        error: `expected ${header.length} fields (as in the header), found ${row.fields.length}`,
      };
      continue;
    }
    yield { line: row.line, record: Object.fromEntries(header.map((name, i) => [name, row.fields[i]])) };
  }
  if (!header)
    yield { line: 1, error: 'the file is empty; a CSV import needs a header with input and output' };
}
