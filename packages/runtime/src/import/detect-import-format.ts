import path from 'node:path';
import { readInputLines } from '../input-file/read-utf8-lines';
import type { ImportFormatId } from './import-format';

export type FormatDetection =
  | { format: ImportFormatId; error?: undefined; empty?: undefined }
  | { format?: undefined; error: string; empty?: boolean };

/** Reads the first non-blank line of a file (streaming: a huge file is not read whole). */
async function firstLine(file: string, shownAs: string): Promise<string | undefined> {
  for await (const line of readInputLines(file, { shownAs, consequence: 'nothing was imported' })) {
    const text = line.replace(/^\uFEFF/, '');
    if (text.trim() !== '') return text;
  }
  return undefined;
}

/** The JSONL format a first record's keys point to. */
export function formatFromKeys(keys: readonly string[]): ImportFormatId | undefined {
  const has = (key: string) => keys.includes(key);
  if (has('messages')) return 'chat';
  if (has('input') && (has('preferred_output') || has('non_preferred_output'))) return 'together-preference';
  if (has('prompt') && has('completion')) return 'prompt-completion';
  if (has('question') && has('answer')) return 'gsm8k';
  return undefined;
}

/**
 * Guesses a file's format from its extension and first line: `.csv` is CSV; otherwise the first
 * line must be a JSON object whose keys name a format (`messages`; `input` + `preferred_output`;
 * `prompt` + `completion`; `question` + `answer`), or, for an unknown extension, a CSV header
 * naming `input` and `output`.
 */
export async function detectImportFormat(file: string, shownAs = file): Promise<FormatDetection> {
  const ext = path.extname(file).toLowerCase();
  if (ext === '.csv') return { format: 'csv' };
  const line = await firstLine(file, shownAs);
  if (line === undefined) return { error: 'the file is empty', empty: true };
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    const header = line.split(',').map((c) => c.trim().replace(/^"|"$/g, '').toLowerCase());
    if (
      !['.jsonl', '.json', '.ndjson'].includes(ext) &&
      header.includes('input') &&
      header.includes('output')
    ) {
      return { format: 'csv' };
    }
    return { error: 'cannot tell the format: the first line is not a JSON object' };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { error: 'cannot tell the format: the first line is not a JSON object' };
  }
  const keys = Object.keys(value);
  const format = formatFromKeys(keys);
  if (format) return { format };
  return {
    error: `cannot tell the format from the keys of the first record (${keys.map((k) => JSON.stringify(k)).join(', ') || 'none'})`,
  };
}
