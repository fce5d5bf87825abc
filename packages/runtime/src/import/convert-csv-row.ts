import type { ConvertRecord } from './import-format';
import { requireString } from './read-fields';

/** Columns a CSV import understands (header names are matched case-insensitively). */
export const CSV_COLUMNS = ['input', 'output', 'reasoning', 'chain_of_thought', 'tags'] as const;
export const REQUIRED_CSV_COLUMNS = ['input', 'output'] as const;

/**
 * A CSV row: `input` and `output` required, reasoning from `reasoning` (or Kiln's
 * `chain_of_thought`), `tags` separated by commas or spaces. CSV cells are kept verbatim except
 * that an empty reasoning cell means no reasoning.
 */
export const convertCsvRow: ConvertRecord = (row) => {
  const input = requireString(row, 'input');
  const output = requireString(row, 'output');
  const reasoning = [row.reasoning, row.chain_of_thought].find(
    (cell): cell is string => typeof cell === 'string' && cell.trim() !== '',
  );
  const tags = typeof row.tags === 'string' ? row.tags.split(/[\s,]+/).filter((t) => t !== '') : [];
  return {
    input,
    output: { content: output },
    reasoning: reasoning === undefined ? null : { text: reasoning, origin: 'import', truncated: false },
    ...(tags.length > 0 ? { tags } : {}),
  };
};
