// `distill check --backend together` against Together's own checker (`together files check`, from
// the `together` Python package), whole process each, on the same reasoning JSONL (default 200 MB).
//
// Together's checker is not part of this repository. Install it yourself (`pip install together`)
// so `together` is on PATH, or point DISTILL_BENCH_TOGETHER at the command to run, e.g.
//   DISTILL_BENCH_TOGETHER=/path/to/together pnpm bench check-together
// Without it the bench says so and reports nothing. Size: DISTILL_BENCH_CHECK_MB (default 200).
// Runs: DISTILL_BENCH_CHECK_RUNS (default 3; median wall time, interleaved so load hits both alike).
// The ratio is distill's time over Together's: 0.33 or less means at least 3× faster.
//
// The commands measured, exactly:
//   node packages/cli/dist/bin.js check FILE --backend together --json
//   together files check FILE            (with TOGETHER_NO_BANNER=1; it needs no network)
import { spawnSync } from 'node:child_process';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { childCpuMs } from './child-cpu.ts';
import { reasoningDataset } from './reasoning-dataset.ts';
import type { BenchResult, BenchSuite } from './types.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const cli = path.join(root, 'packages/cli/dist/bin.js');

interface Subject {
  name: string;
  command: string;
  args: (file: string) => string[];
  env?: Record<string, string>;
  /** Reads the verdict from stdout, so both are seen to accept the same file. */
  passed: (stdout: string) => boolean;
}

function findTogether(): string | undefined {
  const configured = process.env.DISTILL_BENCH_TOGETHER;
  if (configured) return configured;
  const probe = spawnSync('together', ['--help'], {
    encoding: 'utf8',
    env: { ...process.env, TOGETHER_NO_BANNER: '1' },
  });
  return probe.status === 0 ? 'together' : undefined;
}

/** Wall time and (on Linux) CPU time of one whole run, in ms. */
function timeOnce(subject: Subject, file: string): { wall: number; cpu: number | undefined } {
  const cpuBefore = childCpuMs();
  const started = performance.now();
  const out = spawnSync(subject.command, subject.args(file), {
    encoding: 'utf8',
    maxBuffer: 64 << 20,
    env: { ...process.env, ...subject.env },
  });
  const ms = performance.now() - started;
  const cpuAfter = childCpuMs();
  if (out.error) throw out.error;
  if (!subject.passed(out.stdout)) {
    throw new Error(
      `${subject.name} did not pass the generated file (exit ${out.status}): ${out.stderr.slice(0, 500)}`,
    );
  }
  return {
    wall: ms,
    cpu: cpuBefore === undefined || cpuAfter === undefined ? undefined : cpuAfter - cpuBefore,
  };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
}

const suite: BenchSuite = {
  name: 'check vs together files check (whole process)',
  async run() {
    const together = findTogether();
    if (!together) {
      console.log(
        "\n  skipped: Together's checker is not installed. `pip install together`, or set DISTILL_BENCH_TOGETHER to its command.",
      );
      return [];
    }
    const mb = Number(process.env.DISTILL_BENCH_CHECK_MB ?? 200);
    const runs = Math.max(1, Number(process.env.DISTILL_BENCH_CHECK_RUNS ?? 3));
    const file = await reasoningDataset(mb);
    const { size } = await stat(file);
    const subjects: Subject[] = [
      {
        name: 'together files check (baseline)',
        command: together,
        args: (f) => ['files', 'check', f],
        // The CLI builds a client before any subcommand runs and insists on a key; checking makes no request.
        env: {
          TOGETHER_NO_BANNER: '1',
          TOGETHER_API_KEY: 'not-used-by-files-check',
        },
        passed: (stdout) => /"is_check_passed":\s*true/.test(stdout),
      },
      {
        name: 'distill check --backend together',
        command: process.execPath,
        args: (f) => [cli, 'check', f, '--backend', 'together', '--json'],
        passed: (stdout) => (JSON.parse(stdout) as { ok: boolean }).ok,
      },
    ];
    const times = new Map<string, number[]>(subjects.map((s) => [s.name, []]));
    const cpu = new Map<string, number[]>(subjects.map((s) => [s.name, []]));
    for (let i = 0; i < runs; i++)
      for (const s of subjects) {
        const { wall, cpu: used } = timeOnce(s, file);
        times.get(s.name)?.push(wall);
        if (used !== undefined) cpu.get(s.name)?.push(used);
      }
    const details = { bytes: size, runs };
    const [base, ours] = subjects.map((s) => median(times.get(s.name) ?? [])) as [number, number];
    const [baseCpu, oursCpu] = subjects.map((s) => median(cpu.get(s.name) ?? [])) as [number, number];
    const rows: BenchResult[] = [
      { name: subjects[0]?.name as string, value: base / 1000, unit: 's', details },
      {
        name: subjects[1]?.name as string,
        value: ours / 1000,
        unit: 's',
        baseline: subjects[0]?.name,
        ratio: ours / base,
        details,
      },
    ];
    if (baseCpu > 0 && oursCpu > 0) {
      const cpuName = (s: Subject | undefined) => `${s?.name}, CPU time`;
      rows.push(
        { name: cpuName(subjects[0]), value: baseCpu / 1000, unit: 's', details },
        {
          name: cpuName(subjects[1]),
          value: oursCpu / 1000,
          unit: 's',
          baseline: cpuName(subjects[0]),
          ratio: oursCpu / baseCpu,
          details,
        },
      );
    }
    return rows;
  },
};
export default suite;
