import { randomBytes } from 'node:crypto';
import { type FineTuneRecord, FineTuneRecordSchema, InputError } from '@distillery/core';
import type { SampleStore } from '../store/sample-store';

export const FINE_TUNE_RECORD_KIND = 'fine-tune';

/** A new local fine-tune id, e.g. `ftr_3f9a2c1b7d4e`. */
export function newFineTuneId(): string {
  return `ftr_${randomBytes(6).toString('hex')}`;
}

export async function saveFineTune(store: SampleStore, record: FineTuneRecord): Promise<FineTuneRecord> {
  const valid = FineTuneRecordSchema.parse(record);
  await store.putRecord(FINE_TUNE_RECORD_KIND, valid.id, valid);
  return valid;
}

export async function listFineTunes(store: SampleStore): Promise<FineTuneRecord[]> {
  const records = await store.listRecords(FINE_TUNE_RECORD_KIND, FineTuneRecordSchema);
  return records.map((r) => r.value).sort((a, b) => b.createdAt.localeCompare(a.createdAt));
}

/** A fine-tune by its local id, its provider job id, or a unique prefix of either. */
export async function findFineTune(store: SampleStore, id: string): Promise<FineTuneRecord> {
  const direct = await store.getRecord(FINE_TUNE_RECORD_KIND, id, FineTuneRecordSchema);
  if (direct) return direct.value;
  const all = await listFineTunes(store);
  const exact = all.find((r) => r.jobId === id);
  if (exact) return exact;
  const prefixed = all.filter((r) => r.id.startsWith(id) || r.jobId?.startsWith(id));
  if (prefixed.length === 1) return prefixed[0]!;
  throw new InputError(
    prefixed.length > 1
      ? `"${id}" matches ${prefixed.length} fine-tunes.`
      : `No fine-tune "${id}" in this project.`,
    {
      advice: all.length
        ? `Known fine-tunes: ${all
            .slice(0, 10)
            .map((r) => r.id + (r.jobId ? ` (${r.jobId})` : ''))
            .join(', ')}. See \`distill jobs\`.`
        : 'Start one with `distill train --dataset NAME --backend together --model BASE --strategy reasoning`.',
    },
  );
}
