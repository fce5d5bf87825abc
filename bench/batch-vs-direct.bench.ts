// CPU and memory per sample of `generate --batch` against direct generation, both through the
// runtime and the OpenAI provider against the testkit mock server (in this process), at
// DISTILL_BENCH_BATCH_N samples (default 20,000). Each mode runs in its own child process, which
// reports its own CPU time (`process.cpuUsage()`, user + system) and peak RSS; the mock's work is
// not counted. Direct: 32 requests in flight, no added latency. Batch: batches of at most 50,000
// requests, polled every 10 ms, results streamed from the output file. The ratios are batch / direct.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { withBenchProject } from './bench-project.ts';
import type { BenchResult, BenchSuite } from './types.ts';

const here = fileURLToPath(import.meta.url);
const root = path.resolve(path.dirname(here), '..');

type Mode = 'idle' | 'direct' | 'batch';

interface ChildResult {
  cpuMs: number;
  maxRssKb: number;
  generated: number;
}

async function child(mode: Mode, baseURL: string, n: number): Promise<void> {
  const result = await withBenchProject(
    { baseURL, n, maxRetries: 3, prefix: 'distill-bench-batch-' },
    async ({ runtime, session, store }): Promise<ChildResult> => {
      const before = process.cpuUsage();
      const options = { taskId: 'bench', source: { type: 'file' as const, file: 'inputs.jsonl' } };
      let generated = 0;
      if (mode === 'direct')
        generated = (await runtime.generateSamples(session, store, { ...options, concurrency: 32 }))
          .generated;
      if (mode === 'batch')
        generated = (await runtime.generateInBatches(session, store, { ...options, pollIntervalMs: 10 }))
          .generated;
      const cpu = process.cpuUsage(before);
      return { cpuMs: (cpu.user + cpu.system) / 1000, maxRssKb: process.resourceUsage().maxRSS, generated };
    },
  );
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

function runChild(mode: Mode, baseURL: string, n: number): Promise<ChildResult> {
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, [here, '--batch-child', mode, baseURL, String(n)], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    proc.stdout.setEncoding('utf8').on('data', (d: string) => (out += d));
    proc.on('error', reject);
    proc.on('close', (code) => {
      if (code !== 0) reject(new Error(`${mode} child exited with ${code}`));
      else resolve(JSON.parse(out.trim().split('\n').at(-1) ?? '{}') as ChildResult);
    });
  });
}

async function measure(mode: 'direct' | 'batch', n: number): Promise<ChildResult> {
  const { startMockServer } = await import('@distillery/testkit');
  // The bench measures the client: the mock skips checking its own traffic against the specs.
  const server = await startMockServer({ validation: 'off', validateResponses: false });
  server.onChat((req) => ({
    content: `The answer to "${req.lastUserText.slice(0, 40)}" is 42.`,
    reasoning: `Thinking about ${req.lastUserText}: add the two numbers, check the sum, and answer.`,
  }));
  try {
    const result = await runChild(mode, server.openaiBaseURL, n);
    // A loaded machine may fail a few calls even after retries: costs are per sample generated.
    if (result.generated < n * 0.99) throw new Error(`${mode}: generated ${result.generated} of ${n}`);
    return result;
  } finally {
    await server.close();
  }
}

const suite: BenchSuite = {
  name: 'batch-vs-direct',
  async run(): Promise<BenchResult[]> {
    const n = Number(process.env.DISTILL_BENCH_BATCH_N ?? 20000);
    const idle = await runChild('idle', 'http://127.0.0.1:9', 0);
    const direct = await measure('direct', n);
    const batch = await measure('batch', n);
    const perSample = (r: ChildResult) => r.cpuMs / r.generated;
    const extraRssKb = (r: ChildResult) => Math.max(1, r.maxRssKb - idle.maxRssKb) / r.generated;
    return [
      { name: `direct: CPU per sample (${n} samples)`, value: perSample(direct), unit: 'ms' },
      {
        name: `batch: CPU per sample (${n} samples)`,
        value: perSample(batch),
        unit: 'ms',
        baseline: `direct: CPU per sample (${n} samples)`,
        ratio: perSample(batch) / perSample(direct),
      },
      { name: 'peak RSS, idle child (modules + open store)', value: idle.maxRssKb / 1024, unit: 'MB' },
      {
        name: `direct: peak RSS above idle per sample (${n})`,
        value: extraRssKb(direct),
        unit: 'KB',
        details: { peakRssMb: Math.round(direct.maxRssKb / 1024), generated: direct.generated },
      },
      {
        name: `batch: peak RSS above idle per sample (${n})`,
        value: extraRssKb(batch),
        unit: 'KB',
        baseline: `direct: peak RSS above idle per sample (${n})`,
        ratio: extraRssKb(batch) / extraRssKb(direct),
        details: { peakRssMb: Math.round(batch.maxRssKb / 1024), generated: batch.generated },
      },
    ];
  },
};
export default suite;

if (process.argv[2] === '--batch-child') {
  await child(process.argv[3] as Mode, process.argv[4] ?? '', Number(process.argv[5] ?? 0));
}
