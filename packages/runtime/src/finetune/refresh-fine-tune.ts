import { type FineTuneEvent, type FineTuneRecord, TERMINAL_FINE_TUNE_STATUSES } from '@distillery/core';
import type { Session } from '../session';
import type { SampleStore } from '../store/sample-store';
import { saveFineTune } from './fine-tune-records';
import { reconcileFineTune } from './reconcile-fine-tune';

const eventKey = (e: FineTuneEvent) => `${e.at}\u0000${e.type ?? ''}\u0000${e.message}`;

/**
 * Brings a fine-tune record up to date from its provider: status (a change is appended to the
 * history with its time), progress events (merged without duplicates) and the resulting model.
 * A record without a job id is first reconciled (its job found by its training file, or the
 * record marked failed when there is none); returned as it is if it still has none.
 */
export async function refreshFineTune(
  session: Session,
  store: SampleStore,
  input: FineTuneRecord,
): Promise<FineTuneRecord> {
  const record = input.jobId ? input : await reconcileFineTune(session, store, input);
  if (!record.jobId) return record;
  const backend = await session.plugins.backend(record.backend);
  const callOptions = session.ctx.signal ? { signal: session.ctx.signal } : {};
  const [state, events] = await Promise.all([
    backend.get(record.jobId, callOptions),
    backend.events(record.jobId, callOptions),
  ]);
  const known = new Set(record.events.map(eventKey));
  const merged = [...record.events, ...events.filter((e) => !known.has(eventKey(e)))].sort((a, b) =>
    a.at.localeCompare(b.at),
  );
  const last = record.statusHistory.at(-1);
  const changed = last?.status !== state.status || last?.rawStatus !== state.rawStatus;
  const next: FineTuneRecord = {
    ...record,
    status: state.status,
    rawStatus: state.rawStatus,
    statusHistory: changed
      ? [
          ...record.statusHistory,
          { status: state.status, rawStatus: state.rawStatus, at: new Date().toISOString() },
        ]
      : record.statusHistory,
    events: merged,
    ...(state.resultModel ? { resultModel: state.resultModel } : {}),
    ...(state.error ? { error: state.error } : {}),
  };
  return saveFineTune(store, next);
}

export function isTerminal(record: FineTuneRecord): boolean {
  return TERMINAL_FINE_TUNE_STATUSES.includes(record.status);
}

/**
 * The furthest step/total and the latest loss reported in a record's events (events after
 * training, such as uploading the model, may report step 0: the step never goes back).
 */
export function progressOf(record: FineTuneRecord): { step?: number; totalSteps?: number; loss?: number } {
  const out: { step?: number; totalSteps?: number; loss?: number } = {};
  for (const e of record.events) {
    if (e.step !== undefined && (out.step === undefined || e.step >= out.step)) out.step = e.step;
    if (e.totalSteps !== undefined) out.totalSteps = e.totalSteps;
    if (e.loss !== undefined) out.loss = e.loss;
  }
  return out;
}
