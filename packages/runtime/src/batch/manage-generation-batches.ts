import { type BatchInfoV1, UserError } from '@distillery/core';
import type { Session } from '../session';
import type { SampleStore } from '../store/sample-store';
import { GENERATION_BATCH_KIND, type GenerationBatch, GenerationBatchSchema } from './generation-batch';

/** Every provider batch generations submitted, newest first. */
export async function listGenerationBatches(store: SampleStore): Promise<GenerationBatch[]> {
  return (await store.listRecords(GENERATION_BATCH_KIND, GenerationBatchSchema))
    .map((r) => r.value)
    .reverse();
}

/** A recorded batch by Distillery's id or the provider's, or an error listing where to look. */
export async function findGenerationBatch(store: SampleStore, id: string): Promise<GenerationBatch> {
  const batches = await listGenerationBatches(store);
  const found = batches.find((b) => b.id === id || b.remoteId === id);
  if (found) return found;
  throw new UserError(`No generation batch "${id}" in this project.`, {
    advice: 'List them with: distill batches list',
  });
}

async function batchApi(session: Session, record: GenerationBatch) {
  const batch = (await session.plugins.provider(record.provider)).batch;
  if (!batch) {
    throw new UserError(`Provider "${record.provider}" has no batch API (any more).`, {
      advice: 'Check the providers in distill.config.ts.',
    });
  }
  return batch;
}

/** The provider's current view of a recorded batch (null when it never reached the provider). */
export async function refreshGenerationBatch(
  session: Session,
  store: SampleStore,
  id: string,
  signal?: AbortSignal,
): Promise<{ record: GenerationBatch; info: BatchInfoV1 | null }> {
  const record = await findGenerationBatch(store, id);
  if (!record.remoteId) return { record, info: null };
  const info = await (await batchApi(session, record)).get(record.remoteId, signal ? { signal } : {});
  return { record, info };
}

/**
 * Asks the provider to cancel a recorded batch. Its finished requests stay paid for and are
 * stored by the next `generate --batch` run of the same generation, which sends the rest again.
 */
export async function cancelGenerationBatch(
  session: Session,
  store: SampleStore,
  id: string,
  signal?: AbortSignal,
): Promise<BatchInfoV1> {
  const record = await findGenerationBatch(store, id);
  if (!record.remoteId) {
    throw new UserError(`Batch ${record.id} has no provider id yet (state ${record.state}).`, {
      advice: 'Run the generation again: it finds the batch at the provider or sends its requests anew.',
    });
  }
  if (record.state === 'ingested' || record.state === 'abandoned') {
    throw new UserError(`Batch ${record.id} has already ended (${record.status ?? record.state}).`);
  }
  const info = await (await batchApi(session, record)).cancel(record.remoteId, signal ? { signal } : {});
  await store.putRecord(GENERATION_BATCH_KIND, record.id, {
    ...record,
    status: info.status,
    rawStatus: info.rawStatus,
  } satisfies GenerationBatch);
  return info;
}
