import { mkdtemp, open, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Sample, SampleFilter } from '@distillery/core';
import { openSampleStore } from '@distillery/runtime';
import { measure } from './measure.ts';
import type { BenchResult, BenchSuite } from './types.ts';

const COUNT = Number(process.env.DISTILL_BENCH_STORE_SAMPLES ?? 100_000);
const WORDS = ['apples', 'trains', 'clips', 'pages', 'robes', 'bolts', 'minutes', 'dollars', 'laps', 'eggs'];
const MODELS = ['deepseek-ai/DeepSeek-R1', 'Qwen/Qwen3-235B-A22B-Thinking-2507', 'gpt-4.1-mini'];

/** Deterministic, varied samples: a third without reasoning, ratings and tags spread out. */
function sample(i: number): Sample {
  const word = WORDS[i % WORDS.length]!;
  const model = MODELS[i % MODELS.length]!;
  const synthetic = i % 4 !== 0;
  return {
    id: `s${String(i).padStart(7, '0')}`,
    taskId: 'gsm8k',
    input: `Problem ${i}: Tom has ${i % 97} ${word} and buys ${i % 13} more. How many ${word} now?`,
    output: { content: String((i % 97) + (i % 13)) },
    reasoning:
      i % 3 === 0
        ? null
        : {
            text: `${i % 97} + ${i % 13} = ${(i % 97) + (i % 13)} ${word}.`,
            origin: 'model-field',
            truncated: false,
          },
    trace: [],
    source: synthetic
      ? {
          type: 'synthetic',
          runConfig: { name: 'teacher', provider: 'together', model, flow: 'reasoning', parameters: {} },
        }
      : { type: 'import', file: 'train.jsonl', line: i + 1, format: 'gsm8k' },
    tags: i % 5 === 0 ? ['verified'] : i % 7 === 0 ? ['needs-review', 'hard'] : [],
    rating: i % 6 === 0 ? null : (i % 5) + 1,
    createdAt: new Date(Date.UTC(2026, 0, 1) + i * 1000).toISOString(),
  };
}

const suite: BenchSuite = {
  name: 'store',
  async run() {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'distill-bench-store-'));
    const rows: BenchResult[] = [];
    try {
      const samples = Array.from({ length: COUNT }, (_, i) => sample(i));

      // Insert: the store (validated, indexed, FTS, durable commits per batch) against appending
      // the same samples as JSONL to one file with an fsync per batch.
      const batch = 10_000;
      const jsonlStart = performance.now();
      const handle = await open(path.join(dir, 'baseline.jsonl'), 'w');
      for (let i = 0; i < samples.length; i += batch) {
        await handle.write(
          samples
            .slice(i, i + batch)
            .map((s) => `${JSON.stringify(s)}\n`)
            .join(''),
        );
        await handle.sync();
      }
      await handle.close();
      const jsonlRate = COUNT / ((performance.now() - jsonlStart) / 1000);
      rows.push({
        name: 'append JSONL + fsync per batch',
        value: jsonlRate,
        unit: 'samples/s',
        details: { samples: COUNT, batch },
      });

      const store = await openSampleStore({ dir });
      const insertStart = performance.now();
      for (let i = 0; i < samples.length; i += batch) await store.insertMany(samples.slice(i, i + batch));
      const insertRate = COUNT / ((performance.now() - insertStart) / 1000);
      rows.push({
        name: 'store.insertMany',
        value: insertRate,
        unit: 'samples/s',
        baseline: 'append JSONL + fsync per batch',
        ratio: insertRate / jsonlRate,
        details: { samples: COUNT, batch },
      });

      // Queries: a 50-row page per filter, against the plain newest-first page.
      const page = async (filter: SampleFilter) =>
        (await store.query({ taskId: 'gsm8k', filter, limit: 50 })).samples.length;
      const timeOf = async (fn: () => Promise<unknown>) => {
        const times: number[] = [];
        for (let i = 0; i < 3; i++) await fn(); // warm-up
        for (let i = 0; i < 25; i++) {
          const t = performance.now();
          await fn();
          times.push(performance.now() - t);
        }
        times.sort((a, b) => a - b);
        return times[Math.floor(times.length / 2)]!;
      };
      const base = await timeOf(() => page({}));
      rows.push({ name: 'page of 50, no filter', value: base, unit: 'ms', details: { samples: COUNT } });
      const cases: [string, () => Promise<unknown>][] = [
        ['page, has reasoning', () => page({ hasReasoning: true })],
        ['page, tag', () => page({ tags: ['hard'] })],
        ['page, min rating 4', () => page({ minRating: 4 })],
        ['page, model', () => page({ model: MODELS[1] })],
        [
          'page, combined filters',
          () => page({ hasReasoning: true, minRating: 3, source: 'synthetic', excludeTags: ['hard'] }),
        ],
        ['page, text search', () => page({ text: 'robes' })],
        ['count, has reasoning', () => store.count({ taskId: 'gsm8k', filter: { hasReasoning: true } })],
        ['facets, whole task', () => store.facets({ taskId: 'gsm8k' })],
      ];
      let cursor: string | undefined;
      for (let i = 0; i < 1000 && (i === 0 || cursor); i++) {
        cursor =
          (await store.query({ taskId: 'gsm8k', limit: 50, ...(cursor ? { cursor } : {}) })).nextCursor ??
          undefined;
      }
      if (cursor)
        cases.push(['page 1000 by cursor', () => store.query({ taskId: 'gsm8k', limit: 50, cursor })]);
      for (const [name, fn] of cases) {
        const ms = await timeOf(fn);
        rows.push({
          name,
          value: ms,
          unit: 'ms',
          baseline: 'page of 50, no filter',
          ratio: ms / base,
          details: { samples: COUNT },
        });
      }
      await store.close();
      void measure; // the shared helper suits CPU-bound loops; async queries are timed above
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
    return rows;
  },
};

export default suite;
