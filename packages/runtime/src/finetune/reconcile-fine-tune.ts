import type { FineTuneRecord } from '@distillery/core';
import type { Session } from '../session';
import type { SampleStore } from '../store/sample-store';
import { saveFineTune } from './fine-tune-records';
import { NOT_SUBMITTED, SUBMITTING } from './local-status';

/** Raw statuses of records that may have a job the record does not know (`local:planned`: older records). */
const UNSETTLED = [SUBMITTING, 'local:planned'];

/**
 * A record left without a job id by a train that was killed: if the provider has a job for its
 * training file (the tag saved before `create`), the record gets that job id; if it has none,
 * the record is marked failed with why, and its uploaded files are named for deletion. Records
 * without a job for another reason (already failed locally) come back unchanged.
 */
export async function reconcileFineTune(
  session: Session,
  store: SampleStore,
  record: FineTuneRecord,
): Promise<FineTuneRecord> {
  if (record.jobId || !UNSETTLED.includes(record.rawStatus ?? '')) return record;
  const backend = await session.plugins.backend(record.backend);
  const train = record.files.train;
  if (train && !backend.findJobByTrainingFile) return record;
  const found =
    train && backend.findJobByTrainingFile
      ? await backend.findJobByTrainingFile(train, session.ctx.signal ? { signal: session.ctx.signal } : {})
      : undefined;
  if (found) return saveFineTune(store, { ...record, jobId: found.id });
  const files = [record.files.train, record.files.validation].filter((f): f is string => Boolean(f));
  return saveFineTune(store, {
    ...record,
    status: 'failed',
    rawStatus: NOT_SUBMITTED,
    statusHistory: [
      ...record.statusHistory,
      { status: 'failed', rawStatus: NOT_SUBMITTED, at: new Date().toISOString() },
    ],
    error: train
      ? 'The train was interrupted before the provider accepted a job (no job uses its training file).'
      : 'The train was interrupted before its files were uploaded.',
    ...(files.length ? { leftoverFiles: files } : {}),
  });
}
