import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DatasetSnapshotSchema, type SampleInput } from '@distillery/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeSample } from './__fixtures__/make-sample';
import { contentDedupeKey, generationDedupeKey } from './dedupe-key';
import { loadSqlite } from './load-sqlite';
import {
  DEFAULT_DATA_DIR,
  openSampleStore,
  type SqliteSampleStore,
  STORE_FILE_NAME,
} from './open-sample-store';
import { StoreError } from './store-error';

let dir: string;
let store: SqliteSampleStore;

beforeEach(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'distill-store-'));
  store = await openSampleStore({ dir: path.join(dir, DEFAULT_DATA_DIR) });
});

afterEach(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

async function rejection(promise: Promise<unknown>): Promise<StoreError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!StoreError.isInstance(error)) throw new Error(`expected a StoreError, got ${String(error)}`);
  return error;
}

describe('openSampleStore', () => {
  it('creates <dir>/distill.db in WAL mode at the latest schema version', async () => {
    expect(store.file).toBe(path.join(dir, DEFAULT_DATA_DIR, STORE_FILE_NAME));
    expect(store.schemaVersion).toBe(2);
    const { DatabaseSync } = loadSqlite();
    const db = new DatabaseSync(store.file);
    expect(db.prepare('PRAGMA journal_mode').get()).toEqual({ journal_mode: 'wal' });
    db.close();
  });

  it('stores samples exactly as SampleSchema gives them and keeps them across reopen', async () => {
    const input = makeSample({ tags: ['a', 'b', 'a'] });
    expect(await store.insert(input)).toEqual({ inserted: true, id: input.id });
    const stored = await store.get(input.id);
    expect(stored).toMatchObject({ ...input, tags: ['a', 'b'], trace: [], rating: null });
    expect(stored?.reasoning?.truncated).toBe(false);
    await store.close();
    store = await openSampleStore({ dir: path.join(dir, DEFAULT_DATA_DIR) });
    expect(await store.get(input.id)).toEqual(stored);
    expect(await store.get('missing')).toBeUndefined();
  });

  it('rejects an invalid sample and a duplicate id, writing nothing', async () => {
    const bad = { ...makeSample(), rating: 7 } as SampleInput;
    const invalid = await rejection(store.insert(bad));
    expect(invalid.code).toBe('invalid-sample');
    expect(invalid.message).toContain('rating');
    const sample = makeSample();
    await store.insert(sample);
    expect((await rejection(store.insert({ ...sample }))).code).toBe('duplicate-id');
    expect(await store.count()).toBe(1);
  });

  it('skips a sample whose dedupe key is stored (insert-or-ignore)', async () => {
    const key = generationDedupeKey('task-1', { name: 'r', provider: 'p', model: 'm' }, 'q');
    expect(await store.hasKey(key)).toBe(false);
    expect((await store.insert(makeSample(), { dedupeKey: key })).inserted).toBe(true);
    expect(await store.hasKey(key)).toBe(true);
    expect((await store.insert(makeSample(), { dedupeKey: key })).inserted).toBe(false);
    expect(await store.count()).toBe(1);
  });

  it('insertMany is one transaction: an invalid sample leaves nothing written', async () => {
    const samples = [makeSample(), { ...makeSample(), input: 42 } as unknown as SampleInput, makeSample()];
    const error = await rejection(store.insertMany(samples));
    expect(error.message).toContain('Sample #2');
    expect(await store.count()).toBe(0);
    const ok = [makeSample(), makeSample(), makeSample()];
    const result = await store.insertMany([...ok, { ...ok[0]!, id: 'copy' }], {
      dedupeKey: contentDedupeKey,
    });
    expect(result).toEqual({ inserted: 3, skippedDuplicates: 1, ids: ok.map((s) => s.id) });
  });

  it('transaction commits together or rolls back on throw; its writer sees its own inserts', async () => {
    const a = makeSample();
    await expect(
      store.transaction(async (tx) => {
        await tx.insert(a, { dedupeKey: 'k-a' });
        expect(await tx.hasKey('k-a')).toBe(true);
        throw new Error('abort');
      }),
    ).rejects.toThrow('abort');
    expect(await store.count()).toBe(0);
    const n = await store.transaction(async (tx) => {
      await tx.insert(a, { dedupeKey: 'k-a' });
      const again = await tx.insert(makeSample(), { dedupeKey: 'k-a' });
      return again.inserted ? 2 : 1;
    });
    expect(n).toBe(1);
    expect(await store.count()).toBe(1);
  });

  it('updates tags and rating, and filters follow', async () => {
    const s = makeSample({ tags: ['old'] });
    await store.insert(s);
    const updated = await store.update(s.id, { tags: ['new', 'x'], rating: 4 });
    expect(updated).toMatchObject({ tags: ['new', 'x'], rating: 4, input: s.input });
    expect(await store.count({ filter: { tags: ['old'] } })).toBe(0);
    expect(await store.count({ filter: { tags: ['new', 'x'], minRating: 4 } })).toBe(1);
    expect((await rejection(store.update(s.id, { rating: 0 }))).code).toBe('invalid-sample');
    expect(await store.update('missing', { rating: 1 })).toBeUndefined();
    expect((await store.update(s.id, { rating: null }))?.rating).toBeNull();
  });

  it('deletes a sample with its tags and search entries', async () => {
    const s = makeSample({ tags: ['t'], input: 'zebra crossing' });
    await store.insert(s);
    expect(await store.delete(s.id)).toBe(true);
    expect(await store.delete(s.id)).toBe(false);
    expect(await store.count({ filter: { tags: ['t'] } })).toBe(0);
    expect(await store.count({ filter: { text: 'zebra' } })).toBe(0);
    expect((await store.facets()).tags).toEqual({});
  });

  describe('queries', () => {
    const human = makeSample({
      input: 'How many apples are left?',
      output: { content: 'Seven' },
      reasoning: null,
      source: { type: 'human', author: 'ann' },
      tags: ['reviewed', 'fruit'],
      rating: 5,
    });
    const imported = makeSample({
      reasoning: { text: 'Natalia sold clips in April', origin: 'import' },
      source: { type: 'import', file: 'train.jsonl', line: 1, format: 'gsm8k' },
      tags: ['import', 'fruit'],
      rating: 2,
    });
    const synthetic = makeSample({
      taskId: 'task-2',
      source: { type: 'synthetic', runConfig: { name: 'r', provider: 'openai', model: 'gpt-5' } },
      tags: ['reviewed'],
      rating: 3,
    });
    const blankReasoning = makeSample({ reasoning: { text: '   ', origin: 'human' } });

    beforeEach(async () => {
      await store.insertMany([human, imported, synthetic, blankReasoning]);
    });

    const ids = async (filter: object, taskId?: string) =>
      (
        await store.query({ filter, ...(taskId ? { taskId } : {}), orderBy: 'id', direction: 'asc' })
      ).samples.map((s) => s.id);

    it('filters by every SampleFilter field and by task', async () => {
      expect(await ids({ hasReasoning: true })).toEqual([imported.id, synthetic.id]);
      expect(await ids({ hasReasoning: false })).toEqual([human.id, blankReasoning.id]);
      expect(await ids({ tags: ['reviewed', 'fruit'] })).toEqual([human.id]);
      expect(await ids({ excludeTags: ['fruit'] })).toEqual([synthetic.id, blankReasoning.id]);
      expect(await ids({ minRating: 3 })).toEqual([human.id, synthetic.id]);
      expect(await ids({ source: 'import' })).toEqual([imported.id]);
      expect(await ids({ model: 'gpt-5' })).toEqual([synthetic.id]);
      expect(await ids({ model: 'deepseek-ai/DeepSeek-R1' })).toEqual([blankReasoning.id]);
      expect(await ids({}, 'task-2')).toEqual([synthetic.id]);
      expect(await store.count({ taskId: 'task-1', filter: { hasReasoning: true } })).toBe(1);
    });

    it('searches input, answer and reasoning by word prefix, treating syntax as text', async () => {
      expect(await ids({ text: 'apple' })).toEqual([human.id]);
      expect(await ids({ text: 'seven' })).toEqual([human.id]);
      expect(await ids({ text: 'natalia APRIL' })).toEqual([imported.id]);
      expect(await ids({ text: 'natalia apples' })).toEqual([]);
      expect(await ids({ text: '"apples" OR NEAR(' })).toEqual([]);
      expect(await ids({ text: '   ' })).toHaveLength(4);
    });

    it('rejects unknown filter keys and bad pages', async () => {
      expect((await rejection(store.query({ filter: { colour: 'red' } as object }))).code).toBe(
        'invalid-query',
      );
      expect((await rejection(store.query({ limit: 0 }))).code).toBe('invalid-query');
      expect((await rejection(store.query({ cursor: 'nonsense' }))).code).toBe('invalid-query');
    });

    it('computes facets over a selection', async () => {
      expect(await store.facets()).toEqual({
        total: 4,
        withReasoning: 2,
        withoutReasoning: 2,
        tags: { fruit: 2, import: 1, reviewed: 2 },
        ratings: { '1': 0, '2': 1, '3': 1, '4': 0, '5': 1, unrated: 1 },
        sources: { synthetic: 2, human: 1, import: 1 },
        models: { 'gpt-5': 1, 'deepseek-ai/DeepSeek-R1': 1 },
      });
      const reviewed = await store.facets({ filter: { tags: ['reviewed'] } });
      expect(reviewed).toMatchObject({ total: 2, withReasoning: 1, tags: { reviewed: 2, fruit: 1 } });
    });

    it('returns ids of a selection in order, and getMany in the order asked', async () => {
      expect(
        await store.ids({ filter: { tags: ['reviewed'] }, orderBy: 'createdAt', direction: 'asc' }),
      ).toEqual([human.id, synthetic.id]);
      const got = await store.getMany([synthetic.id, 'missing', human.id]);
      expect(got.map((s) => s.id)).toEqual([synthetic.id, human.id]);
    });
  });

  it('pages by cursor in both orders without gaps or repeats, ties broken by insertion order', async () => {
    const sameTime = '2030-01-01T00:00:00.000Z';
    const samples = Array.from({ length: 23 }, (_, i) =>
      makeSample(i % 3 === 0 ? { createdAt: sameTime } : {}),
    );
    await store.insertMany(samples);
    for (const orderBy of ['createdAt', 'id'] as const) {
      for (const direction of ['asc', 'desc'] as const) {
        const seen: string[] = [];
        let cursor: string | undefined;
        let pages = 0;
        do {
          const page = await store.query({ orderBy, direction, limit: 5, ...(cursor ? { cursor } : {}) });
          seen.push(...page.samples.map((s) => s.id));
          cursor = page.nextCursor ?? undefined;
          pages++;
        } while (cursor);
        expect(pages).toBe(5);
        const expected = await store.ids({ orderBy, direction });
        expect(seen).toEqual(expected);
        expect(new Set(seen).size).toBe(23);
      }
    }
    const newestFirst = await store.ids();
    expect(newestFirst.slice(0, 8)).toEqual(
      samples
        .filter((s) => s.createdAt === sameTime)
        .map((s) => s.id)
        .reverse(),
    );
    const page = await store.query({ limit: 5 });
    await expect(store.query({ cursor: page.nextCursor!, orderBy: 'id' })).rejects.toThrow(
      /made for ordering/,
    );
    const offsetPage = await store.query({ offset: 20, limit: 5 });
    expect(offsetPage.samples.map((s) => s.id)).toEqual(newestFirst.slice(20));
    expect(offsetPage.nextCursor).toBeNull();
  });

  it('keeps generic records by kind and id, validating with a schema when given', async () => {
    const snapshot = {
      id: 'ds-1',
      name: 'gsm8k',
      taskId: 'task-1',
      filter: { hasReasoning: true },
      seed: 1,
      splitRatios: { train: 0.9, test: 0.1 },
      splits: { train: ['a'], test: ['b'] },
      createdAt: '2025-01-01T00:00:00.000Z',
    };
    await store.putRecord('dataset', 'ds-1', snapshot);
    await store.putRecord('dataset', 'ds-2', { ...snapshot, id: 'ds-2' });
    await store.putRecord('fine-tune', 'ft-1', { broken: true });
    const got = await store.getRecord('dataset', 'ds-1', DatasetSnapshotSchema);
    expect(got?.value).toEqual(snapshot);
    await store.putRecord('dataset', 'ds-1', { ...snapshot, name: 'renamed' });
    const list = await store.listRecords('dataset', DatasetSnapshotSchema);
    expect(list.map((r) => [r.id, r.value.name])).toEqual([
      ['ds-1', 'renamed'],
      ['ds-2', 'gsm8k'],
    ]);
    expect((await rejection(store.getRecord('fine-tune', 'ft-1', DatasetSnapshotSchema))).code).toBe(
      'invalid-record',
    );
    expect(await store.deleteRecord('dataset', 'ds-2')).toBe(true);
    expect(await store.getRecord('dataset', 'ds-2')).toBeUndefined();
  });

  it('refuses calls after close', async () => {
    await store.close();
    expect((await rejection(store.count())).code).toBe('closed');
    store = await openSampleStore({ file: ':memory:' });
  });
});
