import { DistilleryError, ProviderError } from '@distillery/core';
import type { SampleStore } from '../store/sample-store';
import { StoreError } from '../store/store-error';
import {
  GENERATION_FAILURE_KIND,
  type GenerationFailure,
  GenerationFailureSchema,
} from './generation-failure';
import type { WorkItem } from './generation-work';

export interface GenerationFailureSummary {
  input: string;
  reason: string;
  attempts: number;
}

/** Why an input failed, as recorded. */
export interface FailureReason {
  reason: string;
  /** The provider error kind (`rate-limit`, `server`, ...) or the error name. */
  kind: string;
  status?: number;
}

const FATAL_KINDS = new Set(['auth', 'permission', 'not-found']);
const FAILURES_IN_SUMMARY = 20;

/** Errors that would fail every input alike: stop the run instead of recording each. */
export function isFatalGenerationError(error: unknown): boolean {
  if (ProviderError.isInstance(error)) return FATAL_KINDS.has(error.kind);
  if (StoreError.isInstance(error)) return true;
  return !DistilleryError.isInstance(error);
}

export function describeFailure(error: unknown): FailureReason {
  if (ProviderError.isInstance(error)) {
    return { reason: error.message, kind: error.kind, ...(error.status ? { status: error.status } : {}) };
  }
  const e = error as { name?: string; message?: string };
  return { reason: e?.message ?? String(error), kind: e?.name ?? 'Error' };
}

/**
 * The `generation-failure` records of one task: loaded once, each failure written as it happens
 * (keyed by the input's dedupe key, counting how often it failed), deleted when the input is
 * later generated. Keeps the first failures of this run for the summary.
 */
export class FailureRecorder {
  /** The first failures of this run. */
  readonly summary: GenerationFailureSummary[] = [];
  /** Failures recorded by this run. */
  count = 0;

  private constructor(
    private readonly store: SampleStore,
    private readonly taskId: string,
    private readonly records: Map<string, GenerationFailure>,
    private readonly now: () => Date,
  ) {}

  static async load(store: SampleStore, taskId: string, now: () => Date): Promise<FailureRecorder> {
    const records = new Map(
      (await store.listRecords(GENERATION_FAILURE_KIND, GenerationFailureSchema))
        .filter((r) => r.value.taskId === taskId)
        .map((r) => [r.id, r.value] as const),
    );
    return new FailureRecorder(store, taskId, records, now);
  }

  /** The task's failure records, oldest first. */
  list(): GenerationFailure[] {
    return [...this.records.values()];
  }

  has(key: string): boolean {
    return this.records.has(key);
  }

  /** Failures recorded for a generation (earlier runs included). */
  countForJob(jobId: string): number {
    let n = 0;
    for (const f of this.records.values()) if (f.jobId === jobId) n++;
    return n;
  }

  /** Records that `item` failed (after `attempts` HTTP attempts), replacing the record it retried. */
  async record(item: WorkItem, why: FailureReason, attempts: number): Promise<void> {
    this.count++;
    if (this.summary.length < FAILURES_IN_SUMMARY) {
      this.summary.push({ input: item.input, reason: why.reason, attempts });
    }
    const at = this.now().toISOString();
    const previous = this.records.get(item.key);
    const record: GenerationFailure = {
      key: item.key,
      jobId: item.jobId,
      taskId: this.taskId,
      runConfig: item.target.runConfig.name,
      input: item.input,
      ...why,
      attempts,
      failures: (previous?.failures ?? 0) + 1,
      firstFailedAt: previous?.firstFailedAt ?? at,
      lastFailedAt: at,
    };
    this.records.set(item.key, record);
    await this.store.putRecord(GENERATION_FAILURE_KIND, item.key, record);
    if (item.failureId && item.failureId !== item.key) {
      await this.store.deleteRecord(GENERATION_FAILURE_KIND, item.failureId);
    }
  }

  /** `item` was generated: its failure record (if any) goes. */
  async clear(item: WorkItem): Promise<void> {
    const failureId = item.failureId ?? (this.records.has(item.key) ? item.key : undefined);
    if (!failureId) return;
    this.records.delete(failureId);
    await this.store.deleteRecord(GENERATION_FAILURE_KIND, failureId);
  }

  /** `item` was found already stored: drop the failure record it retried. */
  async forgetRetried(item: WorkItem): Promise<void> {
    if (item.failureId) await this.store.deleteRecord(GENERATION_FAILURE_KIND, item.failureId);
  }
}
