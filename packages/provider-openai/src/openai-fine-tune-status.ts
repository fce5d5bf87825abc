import type { FineTuneStatus } from '@distillery/core';

/**
 * OpenAI's fine-tuning job statuses as core's. `validating_files` comes before the queue, so
 * `pending`; a `paused` job waits to be resumed, so `queued`. `rawStatus` keeps the detail.
 */
export const OPENAI_STATUS_MAP: Readonly<Record<string, FineTuneStatus>> = Object.freeze({
  validating_files: 'pending',
  queued: 'queued',
  running: 'running',
  paused: 'queued',
  succeeded: 'completed',
  failed: 'failed',
  cancelled: 'cancelled',
});

/** Core's status for an OpenAI status; an unknown one counts as still `running`. */
export function normalizeOpenAIStatus(raw: string): FineTuneStatus {
  return OPENAI_STATUS_MAP[raw] ?? 'running';
}
