import type { SampleStore } from '../store/sample-store';
import { EVAL_REPORT_KIND, EVAL_RUN_KIND, type EvalRunRecord, EvalRunRecordSchema } from './eval-records';
import type { EvalReport } from './eval-report';

/** The evals stored in a project, newest first (optionally of one task). */
export async function listStoredEvals(store: SampleStore, taskId?: string): Promise<EvalRunRecord[]> {
  const records = await store.listRecords(EVAL_RUN_KIND, EvalRunRecordSchema);
  return records
    .map((r) => r.value)
    .filter((r) => taskId === undefined || r.taskId === taskId)
    .sort((a, b) => (b.updatedAt ?? b.createdAt).localeCompare(a.updatedAt ?? a.createdAt));
}

/**
 * The report of an eval's latest finished run, as `runEval` stored it, or undefined when the eval
 * is unknown or no run of it has finished yet. The store holds what `runEval` wrote, so it is read
 * back as the report type it was written as.
 */
export async function readStoredEvalReport(
  store: SampleStore,
  evalId: string,
): Promise<EvalReport | undefined> {
  return (await store.getRecord<EvalReport>(EVAL_REPORT_KIND, evalId))?.value;
}
