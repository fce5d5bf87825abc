import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { SampleFilter, SampleInput } from '@distillery/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSampleStore, type SqliteSampleStore } from './open-sample-store';
import type { SampleQuery } from './sample-store';

// Checks that filtered queries over 100k samples are answered through indexes (EXPLAIN QUERY
// PLAN), not how long they take: timings belong in bench/, not in unit tests.
const TOTAL = 100_000;
const TAGS = Array.from({ length: 20 }, (_, i) => `tag-${i}`);
const MODELS = ['deepseek-r1', 'qwen3-235b', 'gpt-5'];

function synthetic(i: number): SampleInput {
  const kind = i % 10;
  const source: SampleInput['source'] =
    kind < 6
      ? { type: 'synthetic', runConfig: { name: 'r', provider: 'together', model: MODELS[i % 3]! } }
      : kind < 8
        ? { type: 'import', file: 'train.jsonl', line: i + 1, format: 'gsm8k' }
        : { type: 'human' };
  return {
    id: `s-${i}`,
    taskId: i % 4 === 0 ? 'task-b' : 'task-a',
    input: `Question ${i}: how many ${i % 7 === 0 ? 'oranges' : 'apples'} are there?`,
    output: { content: String(i % 97) },
    reasoning: i % 3 === 0 ? null : { text: `Count them: ${i % 13} groups.`, origin: 'model-field' },
    source,
    tags: [TAGS[i % 20]!, ...(i % 5 === 0 ? [TAGS[(i * 7) % 20]!] : []), ...(i === 4242 ? ['rare'] : [])],
    rating: i % 6 === 0 ? null : (i % 5) + 1,
    createdAt: new Date(Date.UTC(2025, 0, 1) + i * 1000).toISOString(),
  };
}

let dir: string;
let store: SqliteSampleStore;

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'distill-plan-'));
  store = await openSampleStore({ dir });
  for (let start = 0; start < TOTAL; start += 10_000) {
    await store.insertMany(Array.from({ length: 10_000 }, (_, k) => synthetic(start + k)));
  }
  // Closing gathers planner statistics (ANALYZE); reopen as the web server would.
  await store.close();
  store = await openSampleStore({ dir });
}, 300_000);

afterAll(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

/** A full pass over the samples table without an index: the thing that gets slow at 100k+. */
const fullScan = (plan: string[]) => plan.filter((line) => /^SCAN s\b/.test(line) && !/USING/.test(line));
const sorts = (plan: string[]) => plan.filter((line) => line.includes('TEMP B-TREE FOR ORDER BY'));

const filters: Record<string, SampleFilter> = {
  hasReasoning: { hasReasoning: true },
  noReasoning: { hasReasoning: false },
  tag: { tags: ['tag-3'] },
  rareTag: { tags: ['rare'] },
  twoTags: { tags: ['tag-0', 'tag-14'] },
  excludeTags: { excludeTags: ['tag-1', 'tag-2'], hasReasoning: true },
  minRating: { minRating: 4 },
  source: { source: 'import' },
  model: { model: 'gpt-5' },
  text: { text: 'oranges' },
  everything: {
    hasReasoning: true,
    tags: ['tag-0'],
    excludeTags: ['tag-7'],
    minRating: 2,
    source: 'synthetic',
    model: 'deepseek-r1',
    text: 'apples',
  },
};

describe(`queries over ${TOTAL} samples`, () => {
  it('holds them all', async () => {
    expect(await store.count()).toBe(TOTAL);
  });

  for (const [name, filter] of Object.entries(filters)) {
    it(`uses indexes for ${name}`, async () => {
      const queries: SampleQuery[] = [
        { filter },
        { filter, taskId: 'task-a' },
        { filter, orderBy: 'id', direction: 'asc' },
      ];
      for (const query of queries) {
        const page = store.explain(query);
        expect(fullScan(page), `page plan: ${page.join(' | ')}`).toEqual([]);
        const count = store.explain(query, 'count');
        expect(fullScan(count), `count plan: ${count.join(' | ')}`).toEqual([]);
      }
      // Results agree with a plain scan of what was inserted.
      const expected = Array.from({ length: TOTAL }, (_, i) => synthetic(i)).filter((s) => {
        const reasoning = s.reasoning !== null && s.reasoning !== undefined;
        return (
          (filter.hasReasoning === undefined || filter.hasReasoning === reasoning) &&
          (filter.tags ?? []).every((t) => s.tags?.includes(t)) &&
          !(filter.excludeTags ?? []).some((t) => s.tags?.includes(t)) &&
          (filter.minRating === undefined || (s.rating ?? 0) >= filter.minRating) &&
          (filter.source === undefined || s.source.type === filter.source) &&
          (filter.model === undefined ||
            (s.source.type === 'synthetic' && s.source.runConfig.model === filter.model)) &&
          (filter.text === undefined || s.input.includes(filter.text))
        );
      });
      expect(await store.count({ filter })).toBe(expected.length);
      const page = await store.query({ filter, limit: 20 });
      expect(page.samples.map((s) => s.id)).toEqual(
        expected
          .slice(-20)
          .reverse()
          .map((s) => s.id),
      );
    });
  }

  it('walks an index in order (no sort) for the newest-first list, alone or with one equality filter', () => {
    for (const query of [
      {},
      { filter: { hasReasoning: true } },
      { filter: { source: 'human' as const } },
      { filter: { model: 'gpt-5' } },
      { taskId: 'task-b' },
    ]) {
      const plan = store.explain(query);
      expect(sorts(plan), plan.join(' | ')).toEqual([]);
      expect(fullScan(plan)).toEqual([]);
    }
  });

  it('pages deep with a cursor through the index', async () => {
    let page = await store.query({ filter: { hasReasoning: true }, limit: 1000 });
    for (let i = 0; i < 5; i++)
      page = await store.query({ filter: { hasReasoning: true }, limit: 1000, cursor: page.nextCursor! });
    const plan = store.explain({ filter: { hasReasoning: true }, cursor: page.nextCursor! });
    expect(plan.join(' | ')).toMatch(
      /SEARCH s USING INDEX samples_reasoning \(has_reasoning=\? AND created_at<\?\)/,
    );
  });

  it('computes facets over the whole set and a filtered one', async () => {
    const all = await store.facets();
    expect(all.total).toBe(TOTAL);
    expect(all.withReasoning).toBe(TOTAL - Math.ceil(TOTAL / 3));
    expect(all.tags.rare).toBe(1);
    expect(all.sources).toEqual({ synthetic: 60_000, import: 20_000, human: 20_000 });
    const filtered = await store.facets({ filter: { tags: ['rare'] } });
    expect(filtered.total).toBe(1);
    expect(filtered.tags).toEqual({ rare: 1, 'tag-2': 1 });
  });
});
