import { type DatasetSnapshot, DatasetSnapshotSchema } from '@distillery/core';
import type { SampleStore } from '../store/sample-store';
import { DATASET_RECORD_KIND } from './dataset-record';

/** Every dataset snapshot in the project, oldest first, validated against core's schema. */
export async function listDatasets(store: SampleStore): Promise<DatasetSnapshot[]> {
  const records = await store.listRecords(DATASET_RECORD_KIND, DatasetSnapshotSchema);
  return records.map((record) => record.value);
}
