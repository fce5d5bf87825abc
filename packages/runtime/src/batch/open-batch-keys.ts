import type { SampleStore } from '../store/sample-store';
import { GENERATION_BATCH_KIND, GenerationBatchSchema, isOpenBatch } from './generation-batch';

/** The sample keys whose requests sit in a provider batch of the task that has not been ingested yet. */
export async function openBatchKeys(store: SampleStore, taskId: string): Promise<Set<string>> {
  const keys = new Set<string>();
  for (const record of await store.listRecords(GENERATION_BATCH_KIND, GenerationBatchSchema)) {
    if (record.value.taskId !== taskId || !isOpenBatch(record.value)) continue;
    for (const [, key] of record.value.requests) keys.add(key);
  }
  return keys;
}
