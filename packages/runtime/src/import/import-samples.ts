import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { InputError, type ReasoningParserPlugin, type SampleInput, SampleSchema } from '@distillery/core';
import { openInputFile } from '../input-file/open-input-file';
import { contentDedupeKey } from '../store/dedupe-key';
import type { SampleStore } from '../store/sample-store';
import { convertChat } from './convert-chat';
import { convertCsvRow } from './convert-csv-row';
import { convertGsm8k } from './convert-gsm8k';
import { convertPromptCompletion } from './convert-prompt-completion';
import { convertTogetherPreference } from './convert-together-preference';
import { detectImportFormat } from './detect-import-format';
import { ImportError, type ImportProblem } from './import-error';
import { type ConvertRecord, IMPORT_FORMATS, type ImportFormatId } from './import-format';
import { readCsvRecords, readJsonlRecords, type SourceRecord } from './read-records';
import { RecordError } from './record-error';

const CONVERTERS: Record<ImportFormatId, ConvertRecord> = {
  gsm8k: convertGsm8k,
  chat: convertChat,
  'prompt-completion': convertPromptCompletion,
  'together-preference': convertTogetherPreference,
  csv: convertCsvRow,
};

export interface ImportContext {
  store: SampleStore;
  /** Relative file paths resolve against it; the stored source path is relative to it. Default process.cwd(). */
  cwd?: string;
  signal?: AbortSignal;
  now?: () => Date;
  createId?: () => string;
}

export interface ImportOptions {
  file: string;
  taskId: string;
  /** Skip detection. */
  format?: ImportFormatId;
  /** Added to every sample, after `import` and `format:<id>`. */
  tags?: readonly string[];
  /** Splits reasoning written inline as `<think>...</think>` in answers (chat, prompt/completion, preference). */
  parser?: ReasoningParserPlugin;
  /** GSM8K: keep `<<48/2=24>>` calculator annotations in the reasoning. Default false (removed). */
  keepCalculatorAnnotations?: boolean;
  /** Check everything, count what would be imported, write nothing. */
  dryRun?: boolean;
}

export interface ImportResult {
  /** The file as stored in each sample's source (relative to cwd when inside it). */
  file: string;
  format: ImportFormatId;
  /** Records read (non-blank lines, or CSV rows after the header). */
  records: number;
  imported: number;
  /** Records whose content is already in the store (or earlier in the same file). */
  skippedDuplicates: number;
  tags: string[];
  dryRun: boolean;
}

class DryRunRollback extends Error {}

function emptyFileError(file: string): InputError {
  return new InputError(`${file} is empty: there is nothing to import.`, {
    location: file,
    advice: 'Check that this is the file you meant; it needs one record per line (or a CSV header and rows).',
  });
}

function checkTags(tags: readonly string[]): void {
  const bad = tags.filter((tag) => tag === '' || /\s/.test(tag));
  if (bad.length > 0) {
    throw new InputError(
      `Invalid tag ${bad.map((t) => JSON.stringify(t)).join(', ')}: tags cannot be empty or contain spaces.`,
      {
        advice: 'Use tags like reviewed or gsm8k_train (underscores or dashes instead of spaces).',
      },
    );
  }
}

/**
 * Imports a file into the store, all or nothing. Records are streamed and written inside one
 * transaction; any bad record (invalid JSON or CSV, a missing field, inline reasoning without a
 * parser, a sample that fails the schema) rolls it back, and an ImportError names every bad
 * record as `file:line: reason`. Samples are tagged `import`, `format:<id>` and `tags`, and
 * record file, line and format in `source`.
 *
 * Importing is idempotent: each sample carries a content dedupe key (task, input, trace, answer,
 * reasoning, rejected answer), so records already in the store, from this file or any other,
 * are skipped and counted in `skippedDuplicates`.
 */
export async function importSamples(context: ImportContext, options: ImportOptions): Promise<ImportResult> {
  const cwd = context.cwd ?? process.cwd();
  const absolute = path.resolve(cwd, options.file);
  const relative = path.relative(cwd, absolute);
  const file =
    relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative) ? relative : absolute;
  const userTags = options.tags ?? [];
  checkTags(userTags);
  const opened = await openInputFile(absolute, file);
  await opened.handle.close();
  if (opened.size === 0) throw emptyFileError(file);
  if (options.format !== undefined && !(IMPORT_FORMATS as readonly string[]).includes(options.format)) {
    throw new InputError(`Unknown import format "${options.format}".`, {
      advice: `Use one of ${IMPORT_FORMATS.join(', ')}.`,
    });
  }
  let format = options.format;
  if (format === undefined) {
    const detected = await detectImportFormat(absolute, file);
    if (detected.empty) throw emptyFileError(file);
    if (detected.error !== undefined) {
      throw new ImportError(file, [{ file, line: 1, reason: detected.error }], {
        advice: `Pass the format explicitly (--format ${IMPORT_FORMATS.join('|')}).`,
      });
    }
    format = detected.format;
  }
  const convert = CONVERTERS[format];
  const tags = [...new Set(['import', `format:${format}`, ...userTags])];
  const createdAt = (context.now?.() ?? new Date()).toISOString();
  const createId = context.createId ?? randomUUID;
  const signal = context.signal ? { signal: context.signal } : {};
  const records: AsyncIterable<SourceRecord> =
    format === 'csv'
      ? readCsvRecords({ file: absolute, shownAs: file, ...signal })
      : readJsonlRecords({ file: absolute, shownAs: file, ...signal });

  const problems: ImportProblem[] = [];
  let count = 0;
  let imported = 0;
  let skippedDuplicates = 0;
  try {
    await context.store.transaction(async (writer) => {
      for await (const entry of records) {
        context.signal?.throwIfAborted();
        count++;
        const problem = (reason: string) => problems.push({ file, line: entry.line, reason });
        if (entry.error !== undefined) {
          problem(entry.error);
          continue;
        }
        let sample: SampleInput;
        try {
          const fields = convert(entry.record, {
            parser: options.parser,
            keepCalculatorAnnotations: options.keepCalculatorAnnotations,
          });
          sample = {
            id: createId(),
            taskId: options.taskId,
            input: fields.input,
            output: fields.output,
            reasoning: fields.reasoning,
            trace: fields.trace ?? [],
            ...(fields.rejected ? { rejected: fields.rejected } : {}),
            source: { type: 'import', file, line: entry.line, format },
            tags: [...new Set([...tags, ...(fields.tags ?? [])])],
            rating: null,
            createdAt,
          };
        } catch (error) {
          if (!RecordError.isInstance(error)) throw error;
          problem(error.message);
          continue;
        }
        const parsed = SampleSchema.safeParse(sample);
        if (!parsed.success) {
          const issue = parsed.error.issues[0]!;
          problem(`not a valid sample: ${issue.path.join('.')}: ${issue.message}`);
          continue;
        }
        if (problems.length > 0) continue; // keep reading to report every bad record; write no more
        const result = await writer.insert(parsed.data, { dedupeKey: contentDedupeKey(parsed.data) });
        if (result.inserted) imported++;
        else skippedDuplicates++;
      }
      if (problems.length > 0) throw new ImportError(file, problems);
      if (count === 0) throw emptyFileError(file);
      if (options.dryRun) throw new DryRunRollback();
    });
  } catch (error) {
    if (!(error instanceof DryRunRollback)) throw error;
  }
  return { file, format, records: count, imported, skippedDuplicates, tags, dryRun: options.dryRun ?? false };
}
