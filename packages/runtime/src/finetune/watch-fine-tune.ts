import type { FineTuneRecord } from '@distillery/core';
import type { Session } from '../session';
import type { SampleStore } from '../store/sample-store';
import { pause } from './pause';
import { isTerminal, refreshFineTune } from './refresh-fine-tune';

export interface WatchOptions {
  /** Milliseconds between polls. Default 10 s. */
  intervalMs?: number;
  onUpdate?: (record: FineTuneRecord, previous: FineTuneRecord) => void;
}

/** Polls a fine-tune until it completes, fails or is cancelled, reporting every change. */
export async function watchFineTune(
  session: Session,
  store: SampleStore,
  record: FineTuneRecord,
  options: WatchOptions = {},
): Promise<FineTuneRecord> {
  let current = await refreshFineTune(session, store, record);
  options.onUpdate?.(current, record);
  while (!isTerminal(current)) {
    await pause(options.intervalMs ?? 10_000, session.ctx.signal);
    const previous = current;
    current = await refreshFineTune(session, store, current);
    options.onUpdate?.(current, previous);
  }
  return current;
}
