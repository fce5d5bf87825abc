// `distill generate` throughput and memory. Generation runs in a child process (its own peak RSS,
// `resourceUsage().maxRSS`) through the runtime's generateSamples and the OpenAI-compatible
// provider, against the testkit mock server in this process, which answers every request after a
// fixed latency (a `latency` fault). Throughput is compared with the ideal time
// count / concurrency × latency; memory at 20,000 samples with memory at 2,000 (and both with an
// idle child that loads the same modules and opens the store). The child also reports its live JS
// heap after a full GC once generation is done (it runs with --expose-gc): flat live heap with a
// growing peak RSS is V8 sizing its heap (young generation, old-generation growth), not a leak.
// Sizes: DISTILL_BENCH_GENERATE_N (default 2000), DISTILL_BENCH_GENERATE_BIG_N (default 20000).
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { withBenchProject } from './bench-project.ts';
import type { BenchResult, BenchSuite } from './types.ts';

const here = fileURLToPath(import.meta.url);
const root = path.resolve(path.dirname(here), '..');
const CONCURRENCY = 32;
const LATENCY_MS = 200;
/** The 20k run uses a shorter latency so it ends in reasonable time (ideal 20,000 / 32 × 20 ms = 12.5 s). */
const BIG_LATENCY_MS = 20;

interface ChildResult {
  ms: number;
  maxRssKb: number;
  /** `heapUsed` after a full GC, once generation is done (the store still open). */
  liveHeapBytes: number;
  generated: number;
}

/** The child: generate `n` samples from a temp project against the mock at `baseURL`. */
async function child(mode: 'idle' | 'generate', baseURL: string, n: number): Promise<void> {
  const result = await withBenchProject(
    { baseURL, n, maxRetries: 0, thinkingInstruction: 'Think.', prefix: 'distill-bench-generate-' },
    async ({ runtime, session, store }): Promise<ChildResult> => {
      const started = performance.now();
      let generated = 0;
      if (mode === 'generate') {
        const summary = await runtime.generateSamples(session, store, {
          taskId: 'bench',
          source: { type: 'file', file: 'inputs.jsonl' },
          concurrency: CONCURRENCY,
        });
        generated = summary.generated;
      }
      const ms = performance.now() - started;
      (globalThis as { gc?: () => void }).gc?.();
      const liveHeapBytes = process.memoryUsage().heapUsed;
      return { ms, maxRssKb: process.resourceUsage().maxRSS, liveHeapBytes, generated };
    },
  );
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

function runChild(mode: 'idle' | 'generate', baseURL: string, n: number): Promise<ChildResult> {
  return new Promise((resolve, reject) => {
    const proc = spawn(
      process.execPath,
      ['--expose-gc', here, '--generate-child', mode, baseURL, String(n)],
      {
        cwd: root,
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    let out = '';
    proc.stdout.setEncoding('utf8').on('data', (d: string) => (out += d));
    proc.on('error', reject);
    proc.on('close', (code) => {
      if (code !== 0) reject(new Error(`generate child exited with ${code}`));
      else resolve(JSON.parse(out.trim().split('\n').at(-1) ?? '{}') as ChildResult);
    });
  });
}

async function measure(n: number, latencyMs: number): Promise<ChildResult> {
  const { startMockServer } = await import('@distillery/testkit');
  const server = await startMockServer();
  server.fault({ type: 'latency', ms: latencyMs, times: Number.POSITIVE_INFINITY });
  server.onChat((req) => ({
    content: `The answer to "${req.lastUserText.slice(0, 40)}" is 42.`,
    reasoning: `Thinking about ${req.lastUserText}: add the two numbers, check the sum, and answer.`,
    chunkSize: 64,
  }));
  try {
    const result = await runChild('generate', server.openaiBaseURL, n);
    if (result.generated !== n) throw new Error(`generated ${result.generated} of ${n}`);
    return result;
  } finally {
    await server.close();
  }
}

const suite: BenchSuite = {
  name: 'generate',
  async run(): Promise<BenchResult[]> {
    const n = Number(process.env.DISTILL_BENCH_GENERATE_N ?? 2000);
    const big = Number(process.env.DISTILL_BENCH_GENERATE_BIG_N ?? 20000);
    const idle = await runChild('idle', 'http://127.0.0.1:9', 0);
    const small = await measure(n, LATENCY_MS);
    const ideal = (n / CONCURRENCY) * LATENCY_MS;
    const large = await measure(big, BIG_LATENCY_MS);
    const bigIdeal = (big / CONCURRENCY) * BIG_LATENCY_MS;
    const mb = (kb: number) => kb / 1024;
    const heapMb = (bytes: number) => bytes / 1024 / 1024;
    return [
      { name: `ideal: ${n} / ${CONCURRENCY} × ${LATENCY_MS} ms (baseline)`, value: ideal / 1000, unit: 's' },
      {
        name: `generate ${n} at ${LATENCY_MS} ms latency, concurrency ${CONCURRENCY}`,
        value: small.ms / 1000,
        unit: 's',
        baseline: `ideal: ${n} / ${CONCURRENCY} × ${LATENCY_MS} ms (baseline)`,
        ratio: small.ms / ideal,
        details: { samples: n, perSecond: Math.round(n / (small.ms / 1000)) },
      },
      {
        name: `ideal: ${big} / ${CONCURRENCY} × ${BIG_LATENCY_MS} ms (baseline)`,
        value: bigIdeal / 1000,
        unit: 's',
      },
      {
        name: `generate ${big} at ${BIG_LATENCY_MS} ms latency, concurrency ${CONCURRENCY}`,
        value: large.ms / 1000,
        unit: 's',
        baseline: `ideal: ${big} / ${CONCURRENCY} × ${BIG_LATENCY_MS} ms (baseline)`,
        ratio: large.ms / bigIdeal,
        details: { samples: big, perSecond: Math.round(big / (large.ms / 1000)) },
      },
      { name: 'peak RSS, idle child (modules + open store)', value: mb(idle.maxRssKb), unit: 'MB' },
      {
        name: `peak RSS, generating ${n}`,
        value: mb(small.maxRssKb),
        unit: 'MB',
        baseline: 'peak RSS, idle child (modules + open store)',
        ratio: small.maxRssKb / idle.maxRssKb,
      },
      {
        name: `peak RSS, generating ${big}`,
        value: mb(large.maxRssKb),
        unit: 'MB',
        baseline: `peak RSS, generating ${n}`,
        ratio: large.maxRssKb / small.maxRssKb,
      },
      { name: 'live JS heap after GC, idle child', value: heapMb(idle.liveHeapBytes), unit: 'MB' },
      {
        name: `live JS heap after GC, generated ${n}`,
        value: heapMb(small.liveHeapBytes),
        unit: 'MB',
        baseline: 'live JS heap after GC, idle child',
        ratio: small.liveHeapBytes / idle.liveHeapBytes,
      },
      {
        name: `live JS heap after GC, generated ${big}`,
        value: heapMb(large.liveHeapBytes),
        unit: 'MB',
        baseline: `live JS heap after GC, generated ${n}`,
        ratio: large.liveHeapBytes / small.liveHeapBytes,
      },
    ];
  },
};
export default suite;

if (process.argv[2] === '--generate-child') {
  await child(process.argv[3] as 'idle' | 'generate', process.argv[4] ?? '', Number(process.argv[5] ?? 0));
}
