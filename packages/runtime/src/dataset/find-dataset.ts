import { type DatasetSnapshot, DatasetSnapshotSchema, InputError } from '@distillery/core';
import type { SampleStore } from '../store/sample-store';
import { DATASET_RECORD_KIND } from './dataset-record';
import { listDatasets } from './list-datasets';

/** A dataset by name or id, or an InputError naming the datasets there are. */
export async function findDataset(store: SampleStore, nameOrId: string): Promise<DatasetSnapshot> {
  const byId = await store.getRecord(DATASET_RECORD_KIND, nameOrId, DatasetSnapshotSchema);
  if (byId) return byId.value;
  const all = await listDatasets(store);
  const byName = all.find((dataset) => dataset.name === nameOrId);
  if (byName) return byName;
  throw new InputError(`No dataset named "${nameOrId}".`, {
    advice: all.length
      ? `Datasets in this project: ${all.map((d) => d.name).join(', ')}.`
      : 'Create one with `distill dataset create --task TASK --name NAME`.',
  });
}
