import type { FineTuneStatus } from '@distillery/core';

/**
 * Together's job statuses as core's. `compressing` (after training, before the model upload) and
 * `cancel_requested` (the job keeps running until it stops) are still in progress, so `running`:
 * a poller must not stop on them. `rawStatus` keeps the detail.
 */
export const TOGETHER_STATUS_MAP: Readonly<Record<string, FineTuneStatus>> = Object.freeze({
  pending: 'pending',
  queued: 'queued',
  running: 'running',
  compressing: 'running',
  uploading: 'uploading',
  cancel_requested: 'running',
  cancelled: 'cancelled',
  error: 'failed',
  completed: 'completed',
});

/** Core's status for a Together status; an unknown one counts as still `running`. */
export function normalizeTogetherStatus(raw: string): FineTuneStatus {
  return TOGETHER_STATUS_MAP[raw] ?? 'running';
}
