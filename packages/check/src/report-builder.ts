import type { CheckFinding, CheckReport } from '@distillery/core';
import { formatFromId, pythonFormatName, type TogetherFormat } from './dataset-format';
import { LineIndex } from './line-index';
import { fillLine } from './line-placeholder';
import { type BatchResult, type CheckBackend, KEY_STRIDE } from './process-batch';

/** Beyond this many distinct system prompts the count is reported as "at least". */
const MAX_TRACKED_SYSTEM_PROMPTS = 100_000;

export interface ReportBuilderOptions {
  backend: CheckBackend;
  strict: boolean;
  maxFindings: number;
  maxSeqLength?: number;
  /** The file being checked (duplicate candidates are confirmed by reading it back). */
  path: string;
  /** The validation file's distinct examples, when checking overlap. */
  validation?: LineIndex;
}

interface Pending extends CheckFinding {
  severity: 'error' | 'warning';
}

/**
 * Merges batch results in line order into one report: absolute line numbers, duplicates and
 * validation overlap (compact hash tables), Together's mixed-format rule, totals and stats.
 */
export class ReportBuilder {
  readonly #options: ReportBuilderOptions;
  readonly #errors: CheckFinding[] = [];
  readonly #warnings: CheckFinding[] = [];
  readonly #seen: LineIndex;
  readonly #systemPrompts = new Set<number>();
  #errorCount = 0;
  #warningCount = 0;
  #lineBase = 0;
  #datasetFormat: TogetherFormat | null = null;
  readonly stats = {
    bytes: 0,
    lines: 0,
    samples: 0,
    withReasoning: 0,
    tokensTotal: 0,
    tokensMax: 0,
    truncatedExamples: 0,
    duplicates: 0,
    overlapWithValidation: 0,
  };

  constructor(options: ReportBuilderOptions) {
    this.#options = options;
    this.#seen = new LineIndex(options.path);
  }

  /** Adds a finding that is not tied to a batch (line 0 = the file as a whole). */
  add(line: number, code: string, message: string, severity: 'error' | 'warning'): void {
    const effective = severity === 'warning' && this.#options.strict ? 'error' : severity;
    if (effective === 'error') {
      if (this.#errorCount++ < this.#options.maxFindings) this.#errors.push({ line, code, message });
    } else if (this.#warningCount++ < this.#options.maxFindings) {
      this.#warnings.push({ line, code, message });
    }
  }

  get errorCount(): number {
    return this.#errorCount;
  }

  /** Merges the next batch; `fileOffset` is the byte offset of the batch's first line in the file. */
  addBatch(result: BatchResult, fileOffset: number): void {
    const base = this.#lineBase;
    const pending: Pending[] = [];
    for (const f of result.findings) {
      const line = base + f.line;
      pending.push({ line, code: f.code, message: fillLine(f.message, line), severity: f.severity });
    }
    if (this.#options.backend === 'together') this.#mixedFormats(result, base, pending);
    this.#duplicates(result.keys, base, fileOffset, pending);
    pending.sort((a, b) => a.line - b.line);
    for (const f of pending) this.add(f.line, f.code, f.message, f.severity);

    for (const prompt of result.systemPrompts) {
      if (this.#systemPrompts.size < MAX_TRACKED_SYSTEM_PROMPTS) this.#systemPrompts.add(prompt);
    }
    const s = this.stats;
    s.lines += result.lines;
    s.samples += result.samples;
    s.withReasoning += result.withReasoning;
    s.tokensTotal += result.tokensTotal;
    s.tokensMax = Math.max(s.tokensMax, result.tokensMax);
    s.truncatedExamples += result.truncated;
    this.#lineBase += result.lines;
  }

  #mixedFormats(result: BatchResult, base: number, pending: Pending[]): void {
    const runs = result.formatRuns;
    for (let i = 0; i < runs.length; i += 2) {
      const start = runs[i] ?? 0;
      const code = runs[i + 1] ?? 0;
      const end = i + 2 < runs.length ? (runs[i + 2] ?? 0) : result.lines + 1;
      const format = formatFromId(code & 7);
      if (format === null) continue;
      this.#datasetFormat ??= format;
      if ((code & 8) !== 0 || format === this.#datasetFormat) continue;
      for (let rel = start; rel < end; rel++) {
        const line = base + rel;
        pending.push({
          line,
          code: 'mixed-formats',
          message: `All samples in the dataset must have the same dataset format. Got ${pythonFormatName(this.#datasetFormat)} for the first line and ${pythonFormatName(format)} for the line ${line}.`,
          severity: 'error',
        });
      }
    }
  }

  #duplicates(keys: Uint32Array, base: number, fileOffset: number, pending: Pending[]): void {
    const validation = this.#options.validation;
    const seen = this.#seen;
    for (let i = 0; i < keys.length; i += KEY_STRIDE) {
      const line = base + (keys[i] as number);
      const hi = keys[i + 1] as number;
      const lo = keys[i + 2] as number;
      const offset = fileOffset + (keys[i + 3] as number);
      const length = keys[i + 4] as number;
      if (validation) {
        const other = validation.find(hi, lo, seen.reader, offset, length);
        if (other !== -1) {
          this.stats.overlapWithValidation++;
          pending.push({
            line,
            code: 'validation-overlap',
            message: `Line ${line} also appears in the validation file (line ${other}): the validation loss will be optimistic.`,
            severity: 'warning',
          });
        }
      }
      const first = seen.add(hi, lo, line, offset, length);
      if (first !== -1) {
        this.stats.duplicates++;
        pending.push({
          line,
          code: 'duplicate-example',
          message: `Line ${line} is an exact duplicate of line ${first}.`,
          severity: 'warning',
        });
      }
    }
  }

  /** Every distinct example seen (to check another file against this one); close it when done. */
  get seen(): LineIndex {
    return this.#seen;
  }

  /** Releases the file read back to confirm duplicates. */
  close(): void {
    this.#seen.close();
  }

  finish(extra: Record<string, number>): CheckReport {
    const distinct = this.#systemPrompts.size;
    if (distinct > 1) {
      const count = distinct >= MAX_TRACKED_SYSTEM_PROMPTS ? `At least ${distinct}` : String(distinct);
      this.add(
        0,
        'mixed-system-prompts',
        `${count} distinct system prompts across the samples: the model learns several prompts but will be run with one.`,
        'warning',
      );
    }
    const s = this.stats;
    const stats: Record<string, number> = {
      ...s,
      tokensMean: s.samples > 0 ? Math.round(s.tokensTotal / s.samples) : 0,
      distinctSystemPrompts: distinct,
      ...(this.#options.maxSeqLength !== undefined ? { maxSeqLength: this.#options.maxSeqLength } : {}),
      ...extra,
      errors: this.#errorCount,
      warnings: this.#warningCount,
    };
    return {
      ok: this.#errorCount === 0,
      format: this.#options.backend === 'openai' ? 'chat' : (this.#datasetFormat ?? 'unknown'),
      samples: s.samples,
      errors: this.#errors,
      warnings: this.#warnings,
      stats,
    };
  }
}
