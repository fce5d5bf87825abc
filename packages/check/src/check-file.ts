import type { Stats } from 'node:fs';
import { existsSync } from 'node:fs';
import { access, constants, open, stat } from 'node:fs/promises';
import { availableParallelism, loadavg } from 'node:os';
import { basename } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CheckReport } from '@distillery/core';
import { InputError } from '@distillery/core/contracts';
import { BatchPool } from './batch-pool';
import { BufferRecycler } from './buffer-recycler';
import { defaultMaxSeqLength } from './default-max-seq-length';
import type { LineIndex } from './line-index';
import type { InlineMarkers } from './lint-reasoning';
import { type BatchConfig, type BatchResult, type CheckBackend, processBatch } from './process-batch';
import { readLineBatches } from './read-line-batches';
import { ReportBuilder } from './report-builder';

export interface CheckFileOptions {
  backend: CheckBackend;
  /** Base model; gives a default `maxSeqLength` for a few well-known models. */
  model?: string;
  /** Examples estimated above this many tokens are reported as truncated. Skipped when unknown. */
  maxSeqLength?: number;
  /** A validation file: examples that also appear in it are reported. */
  against?: string;
  /** Lint warnings become errors. */
  strict?: boolean;
  /** The file is a reasoning-strategy dataset: a final assistant turn without reasoning is reported. */
  expectReasoning?: boolean;
  /**
   * The student family's inline reasoning markers (`[THINK]`/`[/THINK]`, `<seed:think>`/
   * `</seed:think>`): the lint looks for these in assistant content, and in reasoning fields for
   * leaks, instead of `<think>`/`</think>`.
   */
  inlineReasoning?: InlineMarkers;
  /**
   * Worker threads; 0 checks on the calling thread alone. Default: {@link defaultWorkers} (on 2
   * idle cores, 1 worker while the calling thread checks batches too; none when they are busy).
   */
  workers?: number;
  signal?: AbortSignal;
  /** At most this many errors and this many warnings are kept (all are counted). Default 10 000. */
  maxFindings?: number;
  /** Bytes read per batch. Default 4 MiB. */
  chunkSize?: number;
}

/** Together's limit: `MAX_FILE_SIZE_GB = 50.1` in together-python v1 and together-py v2 (× 2^30 bytes). */
export const TOGETHER_MAX_FILE_SIZE_GB = 50.1;
export const TOGETHER_MAX_FILE_SIZE_BYTES = TOGETHER_MAX_FILE_SIZE_GB * 2 ** 30;
/** Together's `MIN_SAMPLES`. */
export const TOGETHER_MIN_SAMPLES = 1;
/** OpenAI's Files API limit for one upload. */
export const OPENAI_MAX_FILE_SIZE_BYTES = 512 * 2 ** 20;
/** OpenAI rejects training files with fewer examples. */
export const OPENAI_MIN_EXAMPLES = 10;
export const DEFAULT_CHUNK_SIZE = 4 * 2 ** 20;
/** Batches given to a worker at once (the next waits in its queue while it checks one). */
const WORKER_DEPTH = 2;
/** Up to this many workers, the calling thread checks batches too when a core is left for it. */
const MAX_WORKERS_WITH_CALLING_THREAD = 3;

/**
 * Default worker threads, for the cores other processes leave free (the 1-minute load average says
 * how many they keep busy; a worker on a core that is not free only adds hand-over costs): on up
 * to 4 free cores, one per core but one, since the calling thread checks batches too; beyond, one
 * per core (feeding them is the calling thread's job).
 */
export function defaultWorkers(cores = availableParallelism(), busy = loadavg()[0] ?? 0): number {
  const free = Math.max(1, Math.min(cores, Math.round(cores - busy)));
  return free <= MAX_WORKERS_WITH_CALLING_THREAD + 1 ? free - 1 : free;
}
export const DEFAULT_MAX_FINDINGS = 10_000;

/** Python's `Path(file).suffix`. */
export function pythonSuffix(path: string): string {
  const name = basename(path);
  const dot = name.lastIndexOf('.');
  return dot > 0 && dot < name.length - 1 ? name.slice(dot) : '';
}

function pythonRound3(value: number): string {
  const rounded = Math.round(value * 1000) / 1000;
  return Number.isInteger(rounded) ? `${rounded}.0` : String(rounded);
}

/** The built worker next to this module, or (when running from source, as in tests) the one in dist. */
function workerUrl(): URL | null {
  for (const candidate of ['./check-worker.js', '../dist/check-worker.js']) {
    const url = new URL(candidate, import.meta.url);
    if (existsSync(fileURLToPath(url))) return url;
  }
  return null;
}

/**
 * The file's stats, once it is known to be a readable file. Missing, a folder or unreadable is
 * not a finding of the check but a mistake in what was asked: one plain InputError.
 */
async function openableFile(path: string, label = 'File'): Promise<Stats> {
  let message: string;
  try {
    const info = await stat(path);
    if (!info.isDirectory()) {
      await access(path, constants.R_OK);
      return info;
    }
    message = `${label} ${path} is a folder, not a file.`;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    message =
      code === 'EACCES' || code === 'EPERM'
        ? `${label} ${path} cannot be read: permission denied.`
        : code === 'ENOENT' || code === 'ENOTDIR'
          ? `${label} not found: ${path}.`
          : `${label} ${path} cannot be read.`;
  }
  throw new InputError(message, {
    location: path,
    advice: message.includes('permission')
      ? 'Make it readable (e.g. chmod u+r).'
      : 'Give the path of a JSONL file.',
  });
}

async function scanFile(
  path: string,
  config: BatchConfig,
  options: { workers: number; chunkSize: number; signal?: AbortSignal },
  onResult: (result: BatchResult, fileOffset: number) => void,
): Promise<number> {
  // A file that fits in one chunk is one batch: starting a worker thread would cost more than it saves.
  const small = (await stat(path)).size <= options.chunkSize;
  const url = options.workers > 0 && !small ? workerUrl() : null;
  const workers = url ? options.workers : 0;
  const buffers = new BufferRecycler(options.chunkSize * 2);
  const pool = url
    ? new BatchPool(url, workers, config, (buffer) => buffers.give(buffer), WORKER_DEPTH)
    : null;
  // With a core to spare and few workers to feed, this thread checks a batch itself whenever no
  // worker can take one (and while they start); otherwise it only reads, dispatches and merges.
  const participate = workers < availableParallelism() && workers <= MAX_WORKERS_WITH_CALLING_THREAD;
  const handle = await open(path, 'r');
  // Batches in line order: a worker's (until it answers) or one checked here, and the file offset
  // of each (batches are consecutive ranges of the file).
  interface Slot {
    offset: number;
    result?: BatchResult;
    job?: Promise<BatchResult>;
  }
  const queue: Slot[] = [];
  let posted = 0;
  // One batch beyond what the workers hold is read ahead and waits in the pool.
  const maxPosted = workers * WORKER_DEPTH + 1;
  const maxQueued = maxPosted + 8;
  let offset = 0;
  const take = (size: number) => buffers.take(size);
  const batches = readLineBatches(handle, options.chunkSize, options.signal, take);
  const merge = async (drain: boolean) => {
    for (;;) {
      const head = queue[0];
      if (head === undefined) return;
      if (head.result === undefined) {
        if (!drain && posted < maxPosted && queue.length < maxQueued) return;
        options.signal?.throwIfAborted();
        head.result = await head.job;
      }
      queue.shift();
      if (head.job) posted--;
      onResult(head.result as BatchResult, head.offset);
    }
  };
  try {
    let next = batches.next();
    for (;;) {
      const { value: batch, done } = await next;
      if (done) break;
      const slot: Slot = { offset };
      offset += batch.length;
      if (pool !== null && (!participate || pool.hasCapacity())) {
        const job = pool.run(batch);
        slot.job = job;
        job.then(
          (result) => {
            slot.result = result;
          },
          () => {},
        );
        posted++;
        queue.push(slot);
        next = batches.next();
        next.catch(() => {});
      } else {
        // Read ahead while this thread checks the batch.
        next = batches.next();
        next.catch(() => {});
        slot.result = processBatch(batch, config);
        buffers.give(batch.buffer as ArrayBuffer);
        queue.push(slot);
      }
      await merge(false);
    }
    await merge(true);
  } finally {
    await handle.close();
    await pool?.close();
  }
  return workers;
}

/** The markers as plain data for the workers; an error for a blank one. */
function inlineMarkers(markers: InlineMarkers | undefined): InlineMarkers | undefined {
  if (markers === undefined) return undefined;
  const { open, close } = markers;
  if (typeof open !== 'string' || typeof close !== 'string' || !open.trim() || !close.trim()) {
    throw new InputError(
      `The inline reasoning markers must be two non-blank strings, got ${JSON.stringify(open)} and ${JSON.stringify(close)}.`,
      {
        advice:
          "Pass the family's opening and closing markers, e.g. [THINK] and [/THINK], or leave them out for <think>.",
      },
    );
  }
  return { open, close };
}

/**
 * Checks a fine-tuning file the way the backend's own checker would (Together's `check_file`, with
 * every fault reported rather than only the first; OpenAI's chat format rules), plus reasoning,
 * size, duplicate and train/validation overlap lint. Streams the file in large chunks and checks
 * batches of lines on worker threads, so memory stays flat whatever the file size.
 */
export async function checkFile(path: string, options: CheckFileOptions): Promise<CheckReport> {
  const { backend } = options;
  options.signal?.throwIfAborted();
  const maxSeqLength = options.maxSeqLength ?? defaultMaxSeqLength(backend, options.model);
  const workers = Math.max(0, Math.floor(options.workers ?? defaultWorkers()));
  const chunkSize = Math.max(1, Math.floor(options.chunkSize ?? DEFAULT_CHUNK_SIZE));
  const inlineReasoning = inlineMarkers(options.inlineReasoning);
  const config: BatchConfig = {
    backend,
    expectReasoning: options.expectReasoning ?? false,
    ...(inlineReasoning ? { inlineReasoning } : {}),
    ...(maxSeqLength !== undefined ? { maxSeqLength } : {}),
  };

  let validation: LineIndex | undefined;
  let validationSamples: number | undefined;
  let report: ReportBuilder | undefined;
  try {
    if (options.against !== undefined) {
      await openableFile(options.against, 'Validation file');
      const builder = new ReportBuilder({ backend, strict: false, maxFindings: 0, path: options.against });
      validation = builder.seen;
      await scanFile(
        options.against,
        { backend, expectReasoning: false },
        { workers, chunkSize, ...(options.signal ? { signal: options.signal } : {}) },
        (result, fileOffset) => builder.addBatch(result, fileOffset),
      );
      validationSamples = builder.stats.samples;
    }

    report = new ReportBuilder({
      backend,
      path,
      strict: options.strict ?? false,
      maxFindings: options.maxFindings ?? DEFAULT_MAX_FINDINGS,
      ...(maxSeqLength !== undefined ? { maxSeqLength } : {}),
      ...(validation ? { validation } : {}),
    });
    const extra: Record<string, number> = validationSamples !== undefined ? { validationSamples } : {};

    const info = await openableFile(path);
    report.stats.bytes = info.size;
    const together = backend === 'together';
    if (together && info.size > TOGETHER_MAX_FILE_SIZE_BYTES) {
      report.add(
        0,
        'file-too-large',
        `Maximum supported file size is ${TOGETHER_MAX_FILE_SIZE_GB} GB. Found file with size of ${pythonRound3(info.size / 2 ** 30)} GB.`,
        'error',
      );
    } else if (!together && info.size > OPENAI_MAX_FILE_SIZE_BYTES) {
      report.add(
        0,
        'file-too-large',
        `OpenAI accepts training files up to 512 MB; this one is ${(info.size / 2 ** 20).toFixed(1)} MB.`,
        'error',
      );
    } else if (info.size === 0) {
      report.add(0, 'file-empty', 'File is empty', 'error');
      return report.finish(extra);
    }

    const suffix = pythonSuffix(path);
    if (together) {
      if (suffix === '.csv') {
        report.add(
          0,
          'csv-not-supported',
          'CSV files are not supported for fine-tune. Only JSONL and Parquet files are supported.',
          'error',
        );
        return report.finish(extra);
      }
      if (suffix === '.parquet') {
        report.add(
          0,
          'parquet-not-checked',
          'Parquet files are not checked by distill; convert the dataset to JSONL or check it with `together files check`.',
          'error',
        );
        return report.finish(extra);
      }
      if (suffix !== '.jsonl') {
        report.add(
          0,
          'unsupported-extension',
          `Unknown extension of file ${path}. Only files with extensions .jsonl, .parquet, and .csv are supported.`,
          'error',
        );
      }
    } else if (suffix.toLowerCase() !== '.jsonl') {
      report.add(
        0,
        'unsupported-extension',
        `OpenAI fine-tuning files must be JSONL (.jsonl): ${path}`,
        'error',
      );
    }

    const used = await scanFile(
      path,
      config,
      { workers, chunkSize, ...(options.signal ? { signal: options.signal } : {}) },
      (result, fileOffset) => report?.addBatch(result, fileOffset),
    );

    const lines = report.stats.lines;
    if (together && lines < TOGETHER_MIN_SAMPLES) {
      report.add(
        0,
        'too-few-samples',
        `Processing ${path} resulted in only ${lines} samples. Our minimum is ${TOGETHER_MIN_SAMPLES} samples. `,
        'error',
      );
    } else if (!together && lines < OPENAI_MIN_EXAMPLES) {
      report.add(
        0,
        'too-few-samples',
        `The file has ${lines} examples; OpenAI fine-tuning requires at least ${OPENAI_MIN_EXAMPLES}.`,
        'error',
      );
    }
    return report.finish({ ...extra, workers: used });
  } finally {
    validation?.close();
    report?.close();
  }
}
