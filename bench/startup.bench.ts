// Start-up of the `distill` command as a whole process, side by side with bare Node in the same
// run: `node -e 0` is the baseline; `distill --help`, `distill parse` and `distill check` on small
// files are the subjects (issue 12 asks for each within 2x of bare Node). The commands run in
// turn, round after round, so a busy machine slows them all alike. Each row also says how many
// modules the process loaded (a loader hook counts them), the figure that explains the time.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { childCpuMs } from './child-cpu.ts';
import type { BenchResult, BenchSuite } from './types.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const BIN = path.resolve(here, '../packages/cli/dist/bin.js');
const ROUNDS = Number(process.env.DISTILL_BENCH_STARTUP_ROUNDS ?? 15);

const COUNTER = `
import { registerHooks } from 'node:module';
import { writeFileSync } from 'node:fs';
let n = 0;
registerHooks({ load(url, context, next) { n++; return next(url, context); } });
process.on('exit', () => writeFileSync(process.env.STARTUP_COUNT_FILE, String(n)));
`;

interface Subject {
  name: string;
  args: string[];
}

const suite: BenchSuite = {
  name: 'startup',
  async run(): Promise<BenchResult[]> {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'distill-startup-'));
    try {
      writeFileSync(path.join(dir, 'output.txt'), '<think>2 + 3 = 5</think>5\n');
      const line = JSON.stringify({
        messages: [
          { role: 'user', content: 'What is 2 + 3?' },
          { role: 'assistant', content: '5', reasoning: '2 + 3 = 5' },
        ],
      });
      writeFileSync(path.join(dir, 'small.jsonl'), `${Array(20).fill(line).join('\n')}\n`);
      const counter = path.join(dir, 'count-modules.mjs');
      writeFileSync(counter, COUNTER);
      const subjects: Subject[] = [
        { name: 'node -e 0', args: ['-e', '0'] },
        { name: 'distill --help', args: [BIN, '--help'] },
        { name: 'distill parse (small file)', args: [BIN, 'parse', '-p', 'deepseek-r1', 'output.txt'] },
        { name: 'distill check (small file)', args: [BIN, 'check', 'small.jsonl', '--backend', 'together'] },
        { name: 'distill plugins', args: [BIN, 'plugins'] },
      ];
      const run = (args: string[], extra: string[] = [], env: Record<string, string> = {}) => {
        const started = performance.now();
        const out = spawnSync(process.execPath, [...extra, ...args], {
          cwd: dir,
          env: { PATH: process.env.PATH, HOME: process.env.HOME, NO_COLOR: '1', ...env },
          encoding: 'utf8',
        });
        const ms = performance.now() - started;
        if (out.status !== 0) throw new Error(`${args.join(' ')} exited ${out.status}: ${out.stderr}`);
        return ms;
      };
      const times = subjects.map(() => [] as number[]);
      const cpu = subjects.map(() => 0);
      for (const s of subjects) run(s.args); // warm the file cache
      for (let round = 0; round < ROUNDS; round++) {
        for (const [i, s] of subjects.entries()) {
          const before = childCpuMs();
          times[i]!.push(run(s.args));
          const after = childCpuMs();
          if (before !== undefined && after !== undefined) cpu[i]! += after - before;
        }
      }
      const countFile = path.join(dir, 'count.txt');
      const modules = subjects.map((s) => {
        run(s.args, ['--import', counter], { STARTUP_COUNT_FILE: countFile });
        return Number(readFileSync(countFile, 'utf8'));
      });
      const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
      const base = median(times[0]!);
      const wall = subjects.map((s, i) => ({
        name: s.name,
        value: median(times[i]!),
        unit: 'ms',
        ...(i === 0 ? {} : { baseline: subjects[0]!.name, ratio: median(times[i]!) / base }),
        details: { modules: modules[i]!, rounds: ROUNDS },
      }));
      if (childCpuMs() === undefined || cpu[0] === 0) return wall;
      const cpuName = (s: Subject) => `${s.name}, CPU time`;
      const cpuRows = subjects.map((s, i) => ({
        name: cpuName(s),
        value: cpu[i]! / ROUNDS,
        unit: 'ms',
        ...(i === 0 ? {} : { baseline: cpuName(subjects[0]!), ratio: cpu[i]! / cpu[0]! }),
        details: { rounds: ROUNDS },
      }));
      return [...wall, ...cpuRows];
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
};

export default suite;
