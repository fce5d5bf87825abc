import type { SampleStore } from '../store/sample-store';
import {
  GENERATION_JOB_KIND,
  type GenerationJob,
  GenerationJobSchema,
  type GenerationSource,
  type GenerationStopReason,
  generationTag,
} from './generation-job';

export interface OpenGenerationJob {
  id: string;
  taskId: string;
  runConfig: string;
  source: GenerationSource;
  count: number | undefined;
  tags: readonly string[] | undefined;
  allowDuplicates: boolean | undefined;
}

/**
 * The `generation-job` record of one generation: read (a generation run again resumes it), marked
 * `running` before any work, and updated with how the run ended.
 */
export class GenerationJobRecorder {
  private constructor(
    private readonly store: SampleStore,
    readonly job: GenerationJob,
  ) {}

  /** The stored job, if any (its count, tags and duplicates setting apply unless given anew). */
  static async previous(store: SampleStore, jobId: string): Promise<GenerationJob | undefined> {
    return (await store.getRecord(GENERATION_JOB_KIND, jobId, GenerationJobSchema))?.value;
  }

  /** Unfinished generations of a task (of one run config if named), least recently updated first. */
  static async unfinished(store: SampleStore, taskId: string, runConfig: string | undefined) {
    return (await store.listRecords(GENERATION_JOB_KIND, GenerationJobSchema))
      .filter(
        (r) =>
          r.value.taskId === taskId &&
          r.value.status !== 'complete' &&
          (runConfig === undefined || r.value.runConfig === runConfig),
      )
      .sort((a, b) => a.updatedAt.localeCompare(b.updatedAt));
  }

  /** The job as this run sees it, from the previous record and the options; not yet stored. */
  static prepare(store: SampleStore, open: OpenGenerationJob, previous: GenerationJob | undefined) {
    const job: GenerationJob = {
      id: open.id,
      taskId: open.taskId,
      runConfig: open.runConfig,
      source: open.source,
      count: open.count ?? previous?.count ?? null,
      tags: open.tags ? [...open.tags] : (previous?.tags ?? []),
      allowDuplicates: open.allowDuplicates ?? previous?.allowDuplicates ?? false,
      status: 'running',
      stopReason: null,
      generated: previous?.generated ?? 0,
      failed: previous?.failed ?? 0,
      costUsd: previous?.costUsd ?? 0,
      runs: (previous?.runs ?? 0) + 1,
    };
    return new GenerationJobRecorder(store, job);
  }

  /** Stores the job as running. */
  async start(): Promise<void> {
    await this.store.putRecord(GENERATION_JOB_KIND, this.job.id, this.job);
  }

  /** Samples of the generation stored in all, earlier runs included. */
  stored(): Promise<number> {
    return this.store.count({ taskId: this.job.taskId, filter: { tags: [generationTag(this.job.id)] } });
  }

  /** Stores how the run ended: status, reason, totals, and what this run spent added on. */
  async finish(
    stopReason: GenerationStopReason,
    totals: { generated: number; failed: number; spentUsd: number | null },
  ): Promise<void> {
    const complete = stopReason === 'done' || stopReason === 'count-reached';
    await this.store.putRecord(GENERATION_JOB_KIND, this.job.id, {
      ...this.job,
      status: complete ? 'complete' : 'stopped',
      stopReason,
      generated: totals.generated,
      failed: totals.failed,
      costUsd:
        this.job.costUsd === null || totals.spentUsd === null ? null : this.job.costUsd + totals.spentUsd,
    } satisfies GenerationJob);
  }
}
