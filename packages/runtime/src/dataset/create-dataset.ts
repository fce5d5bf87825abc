import { randomInt, randomUUID } from 'node:crypto';
import {
  type DatasetSnapshot,
  DatasetSnapshotSchema,
  InputError,
  type SampleFilter,
  SampleFilterSchema,
} from '@distillery/core';
import { findTask } from '../project/find-task';
import type { Session } from '../session';
import type { SampleStore } from '../store/sample-store';
import { assignSplits } from './assign-splits';
import { DATASET_NAME_PATTERN, DATASET_RECORD_KIND } from './dataset-record';
import { formatFilterExpression } from './format-filter-expression';
import { listDatasets } from './list-datasets';
import { checkSplitRatios, DEFAULT_SPLIT_RATIOS } from './parse-split-ratios';

export interface CreateDatasetOptions {
  taskId: string;
  /** Unique in the project; letters, digits, ".", "_" and "-". */
  name: string;
  /** Which samples of the task; default all of them. */
  filter?: SampleFilter;
  /** Split name to ratio, cut in this order; ratios add up to 1. Default train 0.8, val 0.1, test 0.1. */
  split?: Readonly<Record<string, number>>;
  /** Shuffle seed (an integer); default a random one, stored so the splits can be reproduced. */
  seed?: number;
  now?: () => Date;
  createId?: () => string;
}

/**
 * Freezes a dataset: the ids of the task's samples that pass the filter, split by
 * `assignSplits` (sorted ids, seeded shuffle, largest-remainder sizes) and stored as a `dataset`
 * record validated by core's DatasetSnapshotSchema. The snapshot never changes afterwards:
 * samples added later are not in it, and the same samples with the same seed give the same
 * splits again.
 */
export async function createDataset(
  session: Session,
  store: SampleStore,
  options: CreateDatasetOptions,
): Promise<DatasetSnapshot> {
  findTask(session, options.taskId);
  if (!DATASET_NAME_PATTERN.test(options.name)) {
    throw new InputError(`Invalid dataset name "${options.name}".`, {
      advice: 'Use letters, digits, ".", "_" and "-", starting with a letter or digit (e.g. gsm8k-r1-v1).',
    });
  }
  const parsedFilter = SampleFilterSchema.safeParse(options.filter ?? {});
  if (!parsedFilter.success) {
    const issue = parsedFilter.error.issues[0]!;
    throw new InputError(`Invalid dataset filter: ${issue.path.join('.') || '(filter)'}: ${issue.message}.`, {
      advice: 'Use hasReasoning, tags, excludeTags, minRating (1-5), source, model or text.',
    });
  }
  const filter = parsedFilter.data;
  const ratios = { ...(options.split ?? DEFAULT_SPLIT_RATIOS) };
  checkSplitRatios(ratios);
  const seed = options.seed ?? randomInt(0, 2 ** 31);
  if (!Number.isSafeInteger(seed)) {
    throw new InputError(`The seed must be a whole number, got ${String(options.seed)}.`);
  }
  const existing = await listDatasets(store);
  const clash = existing.find((d) => d.name === options.name || d.id === options.name);
  if (clash) {
    throw new InputError(`A dataset named "${options.name}" already exists (${clash.id}).`, {
      advice: 'Datasets are frozen snapshots: pick a new name (e.g. add -v2) to make another.',
    });
  }
  session.ctx.signal?.throwIfAborted();
  const ids = await store.ids({ taskId: options.taskId, filter, orderBy: 'id', direction: 'asc' });
  if (ids.length === 0) {
    const expression = formatFilterExpression(filter);
    const total = await store.count({ taskId: options.taskId });
    throw new InputError(
      expression
        ? `No sample of task "${options.taskId}" matches the filter "${expression}" (the task has ${total}).`
        : `Task "${options.taskId}" has no samples.`,
      {
        advice: expression
          ? 'Loosen the filter, or generate or import more samples.'
          : 'Import samples with `distill import FILE --task TASK` or generate them first.',
      },
    );
  }
  const snapshot = DatasetSnapshotSchema.parse({
    id: (options.createId ?? randomUUID)(),
    name: options.name,
    taskId: options.taskId,
    filter,
    seed,
    splitRatios: ratios,
    splits: assignSplits(ids, ratios, seed),
    createdAt: (options.now?.() ?? new Date()).toISOString(),
  });
  await store.putRecord(DATASET_RECORD_KIND, snapshot.id, snapshot);
  session.ctx.logger.debug(`dataset ${snapshot.name} (${snapshot.id}): ${ids.length} samples`);
  return snapshot;
}
