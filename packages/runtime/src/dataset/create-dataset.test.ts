import { DatasetSnapshotSchema, InputError, UserError } from '@distillery/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sample } from './__fixtures__/make-sample';
import { openTestProject, type TestProject } from './__fixtures__/test-project';
import { createDataset } from './create-dataset';
import { DATASET_RECORD_KIND } from './dataset-record';
import { datasetStats } from './dataset-stats';
import { findDataset } from './find-dataset';
import { listDatasets } from './list-datasets';

let project: TestProject;

beforeEach(async () => {
  project = await openTestProject();
});
afterEach(async () => {
  await project.cleanup();
});

async function rejection(promise: Promise<unknown>): Promise<UserError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!UserError.isInstance(error)) throw new Error(`expected a UserError, got ${String(error)}`);
  return error;
}

async function seed(n: number, prefix = 's') {
  await project.store.insertMany(
    Array.from({ length: n }, (_, i) => {
      const id = `${prefix}${String(i).padStart(3, '0')}`;
      return sample(id, {
        reasoning: i % 4 === 3 ? null : { text: `R ${id}`, origin: 'model-field' },
        rating: i % 5 === 0 ? 5 : i % 5 === 1 ? 2 : null,
        tags: i % 2 === 0 ? ['even', 'verified'] : ['odd'],
      });
    }),
  );
}

describe('createDataset', () => {
  it('freezes filtered ids into seeded splits stored as a validated dataset record', async () => {
    await seed(40);
    await project.store.insert(sample('other-task', { taskId: 'plain' }));
    const dataset = await createDataset(project.session, project.store, {
      taskId: 'math',
      name: 'v1',
      filter: { hasReasoning: true, tags: ['verified'] },
      seed: 11,
      now: () => new Date('2025-02-03T04:05:06.000Z'),
      createId: () => 'ds-1',
    });
    // The 20 even samples are tagged verified, and all have reasoning (only i % 4 === 3 lacks it).
    expect(dataset).toMatchObject({
      id: 'ds-1',
      name: 'v1',
      taskId: 'math',
      filter: { hasReasoning: true, tags: ['verified'] },
      seed: 11,
      splitRatios: { train: 0.8, val: 0.1, test: 0.1 },
      createdAt: '2025-02-03T04:05:06.000Z',
    });
    expect([dataset.splits.train!.length, dataset.splits.val!.length, dataset.splits.test!.length]).toEqual([
      16, 2, 2,
    ]);
    const all = [...dataset.splits.train!, ...dataset.splits.val!, ...dataset.splits.test!].sort();
    expect(all).toEqual(Array.from({ length: 20 }, (_, i) => `s${String(i * 2).padStart(3, '0')}`));
    const stored = await project.store.getRecord(DATASET_RECORD_KIND, 'ds-1', DatasetSnapshotSchema);
    expect(stored?.value).toEqual(dataset);
  });

  it('reproduces the splits from the seed, and samples added later leave the snapshot alone', async () => {
    await seed(30);
    const first = await createDataset(project.session, project.store, { taskId: 'math', name: 'a', seed: 5 });
    const again = await createDataset(project.session, project.store, { taskId: 'math', name: 'b', seed: 5 });
    expect(again.splits).toEqual(first.splits);
    const other = await createDataset(project.session, project.store, { taskId: 'math', name: 'c', seed: 6 });
    expect(other.splits).not.toEqual(first.splits);

    await seed(10, 'late');
    expect((await findDataset(project.store, 'a')).splits).toEqual(first.splits);
    const later = await createDataset(project.session, project.store, { taskId: 'math', name: 'd', seed: 5 });
    expect(Object.values(later.splits).flat()).toHaveLength(40);
  });

  it('cuts custom splits in the order given and picks and stores a seed when none is given', async () => {
    await seed(9);
    const dataset = await createDataset(project.session, project.store, {
      taskId: 'math',
      name: 'two-way',
      split: { test: 0.25, train: 0.75 },
    });
    expect(Object.keys(dataset.splits)).toEqual(['test', 'train']);
    expect([dataset.splits.test!.length, dataset.splits.train!.length]).toEqual([2, 7]);
    expect(Number.isSafeInteger(dataset.seed)).toBe(true);
    const replay = await createDataset(project.session, project.store, {
      taskId: 'math',
      name: 'replay',
      split: { test: 0.25, train: 0.75 },
      seed: dataset.seed,
    });
    expect(replay.splits).toEqual(dataset.splits);
  });

  it('keeps names unique per project and rejects bad input with advice', async () => {
    await seed(5);
    await createDataset(project.session, project.store, { taskId: 'math', name: 'v1', seed: 1 });
    const dup = await rejection(
      createDataset(project.session, project.store, { taskId: 'math', name: 'v1' }),
    );
    expect(dup.message).toMatch(/^A dataset named "v1" already exists/);
    expect(dup.advice).toContain('pick a new name');

    expect(
      (await rejection(createDataset(project.session, project.store, { taskId: 'nope', name: 'x' }))).message,
    ).toBe('Unknown task "nope".');
    expect(
      (await rejection(createDataset(project.session, project.store, { taskId: 'math', name: 'has space' })))
        .message,
    ).toBe('Invalid dataset name "has space".');
    const ratios = await rejection(
      createDataset(project.session, project.store, {
        taskId: 'math',
        name: 'r',
        split: { train: 0.8, val: 0.3 },
      }),
    );
    expect(ratios.message).toBe('The split ratios add up to 1.1, not 1.');
    const none = await rejection(
      createDataset(project.session, project.store, {
        taskId: 'math',
        name: 'n',
        filter: { minRating: 4, source: 'human' },
      }),
    );
    expect(InputError.isInstance(none)).toBe(true);
    expect(none.message).toBe(
      'No sample of task "math" matches the filter "rating>=4 and source=human" (the task has 5).',
    );
    const empty = await rejection(
      createDataset(project.session, project.store, { taskId: 'plain', name: 'p' }),
    );
    expect(empty.message).toBe('Task "plain" has no samples.');
    expect((await listDatasets(project.store)).map((d) => d.name)).toEqual(['v1']);
  });
});

describe('findDataset and datasetStats', () => {
  it('finds by name or id and counts reasoning, ratings, tags and deleted samples per split', async () => {
    await seed(20);
    const dataset = await createDataset(project.session, project.store, {
      taskId: 'math',
      name: 'stats',
      split: { train: 0.5, test: 0.5 },
      seed: 3,
      createId: () => 'id-stats',
    });
    expect((await findDataset(project.store, 'id-stats')).name).toBe('stats');
    const missing = await rejection(findDataset(project.store, 'nope'));
    expect(missing.message).toBe('No dataset named "nope".');
    expect(missing.advice).toBe('Datasets in this project: stats.');

    await project.store.delete('s000'); // even, verified, with reasoning, rated 5
    const stats = await datasetStats(project.store, dataset, { pageSize: 3 });
    // Expected counts computed from the samples themselves.
    const expectFor = async (ids: string[]) => {
      const samples = await project.store.getMany(ids);
      return {
        total: samples.length,
        withReasoning: samples.filter((s) => s.reasoning !== null).length,
        highRated: samples.filter((s) => (s.rating ?? 0) >= 4).length,
        missing: ids.length - samples.length,
      };
    };
    expect(stats.splits.train).toEqual(await expectFor(dataset.splits.train!));
    expect(stats.splits.test).toEqual(await expectFor(dataset.splits.test!));
    expect(stats).toMatchObject({ total: 19, withReasoning: 14, highRated: 3, missing: 1 });
    expect(stats.tags).toEqual({ odd: 10, even: 9, verified: 9 });
    expect(Object.keys(stats.tags)).toEqual(['odd', 'even', 'verified']);
  });
});
