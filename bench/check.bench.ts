// `distill check` throughput and memory: checkFile (@distillery/check, worker threads) against a
// bare single-threaded `JSON.parse` per line loop over the same generated reasoning dataset.
// Each measurement runs in its own child process so its peak RSS (`resourceUsage().maxRSS`) is its
// own. checkFile runs with its default worker count (on 2 cores: 1 worker thread while the calling
// thread checks batches too) and with workers: 0. Size: DISTILL_BENCH_CHECK_MB (default 100; 1024
// for the 1 GB run). Runs per subject: DISTILL_BENCH_CHECK_RUNS (default 3, the median time and the
// highest peak RSS are reported).
import { spawnSync } from 'node:child_process';
import { open, stat } from 'node:fs/promises';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { reasoningDataset } from './reasoning-dataset.ts';
import type { BenchResult, BenchSuite } from './types.ts';

const here = fileURLToPath(import.meta.url);
const CHUNK = 4 * 2 ** 20;

interface ChildResult {
  ms: number;
  maxRssKb: number;
  lines: number;
  /** Worker threads checkFile used (0 for the baseline and the calling-thread run). */
  workers: number;
}

/** The baseline: read in 4 MiB chunks, split at `\n`, decode and `JSON.parse` each line. */
async function baselineLoop(file: string): Promise<number> {
  const handle = await open(file, 'r');
  let carry = Buffer.alloc(0);
  let lines = 0;
  try {
    for (;;) {
      const buf = Buffer.allocUnsafe(CHUNK);
      const { bytesRead } = await handle.read(buf, 0, CHUNK, null);
      if (bytesRead === 0) break;
      const data =
        carry.length > 0 ? Buffer.concat([carry, buf.subarray(0, bytesRead)]) : buf.subarray(0, bytesRead);
      let pos = 0;
      for (let nl = data.indexOf(10, pos); nl !== -1; nl = data.indexOf(10, pos)) {
        JSON.parse(data.toString('utf8', pos, nl));
        lines++;
        pos = nl + 1;
      }
      carry = Buffer.from(data.subarray(pos));
    }
    if (carry.length > 0) {
      JSON.parse(carry.toString('utf8'));
      lines++;
    }
  } finally {
    await handle.close();
  }
  return lines;
}

/** Child process entry: `node bench/check.bench.ts --child <baseline|check|check-inline> <file>`. */
async function child(mode: string, file: string): Promise<void> {
  const started = performance.now();
  let lines: number;
  let workers = 0;
  if (mode === 'baseline') {
    lines = await baselineLoop(file);
  } else {
    const { checkFile } = await import('@distillery/check');
    const report = await checkFile(file, {
      backend: 'together',
      expectReasoning: true,
      maxSeqLength: 32768,
      ...(mode === 'check-inline' ? { workers: 0 } : {}),
    });
    if (!report.ok) throw new Error(`the generated dataset should pass: ${JSON.stringify(report.errors[0])}`);
    lines = report.stats.lines ?? 0;
    workers = report.stats.workers ?? 0;
  }
  const result: ChildResult = {
    ms: performance.now() - started,
    maxRssKb: process.resourceUsage().maxRSS,
    lines,
    workers,
  };
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

function runChild(mode: string, file: string): ChildResult {
  const out = spawnSync(process.execPath, [here, '--child', mode, file], {
    encoding: 'utf8',
    maxBuffer: 1 << 20,
  });
  if (out.status !== 0) throw new Error(`${mode} child failed: ${out.stderr}`);
  return JSON.parse(out.stdout.trim().split('\n').at(-1) as string) as ChildResult;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
}

const suite: BenchSuite = {
  name: 'check',
  async run() {
    const mb = Number(process.env.DISTILL_BENCH_CHECK_MB ?? 100);
    const runs = Math.max(1, Number(process.env.DISTILL_BENCH_CHECK_RUNS ?? 3));
    const file = await reasoningDataset(mb);
    const { size } = await stat(file);
    const modes = ['baseline', 'check', 'check-inline'] as const;
    const samples = new Map<string, ChildResult[]>(modes.map((m) => [m, []]));
    // Interleave the subjects so that background load affects them alike.
    for (let i = 0; i < runs; i++) for (const mode of modes) samples.get(mode)?.push(runChild(mode, file));
    const lines = new Set(modes.flatMap((m) => samples.get(m)?.map((r) => r.lines) ?? []));
    if (lines.size !== 1) throw new Error(`subjects disagree on the line count: ${[...lines].join(', ')}`);

    const summary = (mode: string) => {
      const results = samples.get(mode) ?? [];
      return {
        mbs: size / 1e6 / (median(results.map((r) => r.ms)) / 1000),
        rssMb: Math.max(...results.map((r) => r.maxRssKb)) / 1024,
      };
    };
    const base = summary('baseline');
    const check = summary('check');
    const inline = summary('check-inline');
    const cpus = os.availableParallelism();
    const workers = samples.get('check')?.[0]?.workers ?? 0;
    // checkFile's default: on up to 4 cores, cores - 1 workers while the calling thread checks too.
    const helper = workers < cpus && workers <= 3 ? ' + calling thread' : '';
    const details = { bytes: size, lines: [...lines][0] ?? 0, runs, cpus, workers };
    const baseName = 'JSON.parse per line, 1 thread (baseline)';
    const rssBaseName = 'peak RSS: JSON.parse loop (baseline)';
    const rows: BenchResult[] = [
      { name: baseName, value: base.mbs, unit: 'MB/s', details },
      {
        name: `checkFile, ${workers} worker${workers === 1 ? '' : 's'}${helper}`,
        value: check.mbs,
        unit: 'MB/s',
        baseline: baseName,
        ratio: check.mbs / base.mbs,
        details,
      },
      {
        name: 'checkFile, calling thread only',
        value: inline.mbs,
        unit: 'MB/s',
        baseline: baseName,
        ratio: inline.mbs / base.mbs,
        details,
      },
      { name: rssBaseName, value: base.rssMb, unit: 'MB', details },
      {
        name: 'peak RSS: checkFile, workers',
        value: check.rssMb,
        unit: 'MB',
        baseline: rssBaseName,
        ratio: check.rssMb / base.rssMb,
        details,
      },
      {
        name: 'peak RSS: checkFile, calling thread only',
        value: inline.rssMb,
        unit: 'MB',
        baseline: rssBaseName,
        ratio: inline.rssMb / base.rssMb,
        details,
      },
    ];
    return rows;
  },
};
export default suite;

if (process.argv[1] === here && process.argv[2] === '--child') {
  await child(process.argv[3] as string, process.argv[4] as string);
}
