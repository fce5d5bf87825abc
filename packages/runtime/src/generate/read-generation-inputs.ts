import path from 'node:path';
import { InputError } from '@distillery/core/contracts';
import { openInputFile } from '../input-file/open-input-file';
import { readUtf8Chunks, splitLines } from '../input-file/read-utf8-lines';

export interface GenerationInput {
  input: string;
  /** 1-based line in the file. */
  line: number;
}

export interface GenerationInputs {
  format: 'jsonl' | 'text';
  inputs: GenerationInput[];
}

/** Object fields read as the input, in order: `input`, then GSM8K's `question`, then `prompt`. */
const INPUT_FIELDS = ['input', 'question', 'prompt'] as const;
const PROBLEMS_SHOWN = 10;

function looksLikeJsonl(file: string, firstLine: string | undefined): boolean {
  const ext = path.extname(file).toLowerCase();
  if (ext === '.jsonl' || ext === '.ndjson') return true;
  if (ext === '.txt' || firstLine === undefined || !firstLine.startsWith('{')) return false;
  try {
    JSON.parse(firstLine);
    return true;
  } catch {
    return false;
  }
}

function inputOf(value: unknown): { input: string } | { problem: string } {
  if (typeof value === 'string') return { input: value };
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
    const record = value as Record<string, unknown>;
    for (const field of INPUT_FIELDS) {
      const item = record[field];
      if (typeof item === 'string') return { input: item };
      if (item !== undefined && item !== null) return { input: JSON.stringify(item) };
    }
    return { problem: `the object has no "input" field (nor "question" or "prompt")` };
  }
  return { problem: 'expected a JSON string or an object with "input"' };
}

/**
 * Reads generation inputs: JSONL (`.jsonl`/`.ndjson`, or a file whose first line is a JSON
 * object) where each line is a JSON string or an object with `input` (or `question`/`prompt`;
 * a non-string value is sent as JSON); otherwise one input per non-blank line of plain text.
 * Every bad line is reported as `file:line: reason` in one InputError.
 */
export async function readGenerationInputs(file: string, shownAs = file): Promise<GenerationInputs> {
  const advice = 'Check the path of --inputs (relative to the current folder).';
  const { handle, size } = await openInputFile(file, shownAs, advice);
  if (size === 0) {
    await handle.close();
    throw new InputError(`${shownAs} is empty: there are no inputs to generate from.`, {
      location: shownAs,
      advice: 'Put one input per line (plain text) or one JSON string / {"input": ...} object per line.',
    });
  }
  const lines: string[] = [];
  for await (const line of splitLines(
    readUtf8Chunks(handle, { shownAs, consequence: 'nothing was generated' }),
  )) {
    lines.push(line);
  }
  const jsonl = looksLikeJsonl(file, lines.find((line) => line.trim() !== '')?.trim());
  const inputs: GenerationInput[] = [];
  const problems: string[] = [];
  lines.forEach((raw, index) => {
    const line = index + 1;
    if (raw.trim() === '') return;
    if (!jsonl) {
      inputs.push({ input: raw, line });
      return;
    }
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch (error) {
      problems.push(`${shownAs}:${line}: invalid JSON (${(error as Error).message})`);
      return;
    }
    const read = inputOf(value);
    if ('problem' in read) {
      problems.push(`${shownAs}:${line}: ${read.problem}`);
      return;
    }
    const { input } = read;
    if (input.trim() === '') {
      problems.push(`${shownAs}:${line}: the input is empty`);
      return;
    }
    inputs.push({ input, line });
  });
  if (problems.length > 0) {
    const more = problems.length - PROBLEMS_SHOWN;
    throw new InputError(
      [
        `${shownAs}: ${problems.length} bad ${problems.length === 1 ? 'line' : 'lines'}; nothing was generated.`,
        ...problems.slice(0, PROBLEMS_SHOWN).map((p) => `  ${p}`),
        ...(more > 0 ? [`  ... and ${more} more`] : []),
      ].join('\n'),
      {
        location: problems[0]!.split(': ')[0],
        advice:
          'Each line must be a JSON string or an object with "input" (or a plain text file, one input per line).',
      },
    );
  }
  if (inputs.length === 0) {
    throw new InputError(`${shownAs} has no inputs.`, {
      location: shownAs,
      advice: 'Put one input per line (plain text) or one JSON string / {"input": ...} object per line.',
    });
  }
  return { format: jsonl ? 'jsonl' : 'text', inputs };
}
