import { type FineTuneRecord, ProviderError, UserError } from '@distillery/core';
import type { Session } from '../session';
import type { SampleStore } from '../store/sample-store';
import { pause } from './pause';
import { isTerminal, refreshFineTune } from './refresh-fine-tune';

export interface WatchOptions {
  /** Milliseconds between polls. Default 10 s. */
  intervalMs?: number;
  onUpdate?: (record: FineTuneRecord, previous: FineTuneRecord) => void;
  /** A poll failed in a way worth retrying (5xx, 429, dropped connection); the watch goes on. */
  onRetry?: (error: ProviderError) => void;
}

/** A record that has no provider job to follow: an error saying why, instead of waiting forever. */
export function noJobError(record: FineTuneRecord): UserError {
  return new UserError(
    `Fine-tune ${record.id} has no job at the provider${record.error ? `: ${record.error}` : '.'}`,
    {
      advice: record.leftoverFiles?.length
        ? `Its uploaded files ${record.leftoverFiles.join(', ')} are still stored at the provider; start again with \`distill train\`.`
        : 'Start it again with `distill train`.',
    },
  );
}

/**
 * Polls a fine-tune until it completes, fails or is cancelled, reporting every change. A poll
 * that fails with a retryable provider error (after the client's own retries) is reported and
 * polled again; a record without a job ends the watch at once with `noJobError`.
 */
export async function watchFineTune(
  session: Session,
  store: SampleStore,
  record: FineTuneRecord,
  options: WatchOptions = {},
): Promise<FineTuneRecord> {
  const interval = options.intervalMs ?? 10_000;
  const poll = async (current: FineTuneRecord): Promise<FineTuneRecord> => {
    for (;;) {
      try {
        return await refreshFineTune(session, store, current);
      } catch (error) {
        if (!ProviderError.isInstance(error) || !error.retryable) throw error;
        options.onRetry?.(error);
        await pause(Math.max(interval, error.retryAfterMs ?? 0), session.ctx.signal);
      }
    }
  };
  let current = await poll(record);
  if (!current.jobId) throw noJobError(current);
  options.onUpdate?.(current, record);
  while (!isTerminal(current)) {
    await pause(interval, session.ctx.signal);
    const previous = current;
    current = await poll(current);
    options.onUpdate?.(current, previous);
  }
  return current;
}
