import { randomUUID } from 'node:crypto';
import { costUsd, DistilleryError, type ModelProvider, ProviderError, UserError } from '@distillery/core';
import type { GenerationTarget } from '../generate/generation-target';
import { runTarget, type TargetOutput } from '../generate/run-target';
import type { SampleStore } from '../store/sample-store';
import { BatchJournal } from './batch-journal';
import { AwaitingBatch, batchReplayProvider, type NeededRequest } from './batch-replay-provider';
import { planBatches } from './plan-batches';

/** One answer wanted through a batch API: `key` is unique and stable across runs (it makes the custom ids). */
export interface BatchAnswerJob {
  key: string;
  target: GenerationTarget;
  input: string;
}

export interface AnswerInBatchesOptions {
  /** The journal's task id for these batches (kept apart from generation's, so neither adopts the other's). */
  journalTaskId: string;
  /** Shown in `distill batches list` as the run config of each batch. */
  label: (job: BatchAnswerJob) => string;
  pollIntervalMs?: number;
  signal: AbortSignal;
}

/** What became of a job: its output at the batch price, or the failure its request came back with. */
export type BatchAnswer = { output: TargetOutput } | { error: unknown };

/**
 * Answers jobs through their providers' batch APIs, with the same crash-safe journal as
 * `generateInBatches`: requests recorded before submission, results stored as downloaded, batches
 * an earlier run left open adopted (never submitted twice), every call of a flow a round of
 * batches. Calls `onAnswer` once per job as soon as its flow has finished (or failed); jobs left
 * when `signal` aborts stay unanswered, their batches recorded for the next run.
 */
export async function answerInBatches(
  store: SampleStore,
  jobs: readonly BatchAnswerJob[],
  options: AnswerInBatchesOptions,
  onAnswer: (job: BatchAnswerJob, answer: BatchAnswer) => Promise<void>,
): Promise<void> {
  const { signal } = options;
  const runId = randomUUID();
  const journals = new Map<ModelProvider, BatchJournal>();
  for (const job of jobs) {
    const provider = job.target.provider;
    if (journals.has(provider)) continue;
    if (!provider.batch) {
      throw new UserError(
        `Provider "${job.target.runConfig.provider}" (candidate ${options.label(job)}) has no batch API.`,
        { advice: 'Run without --batch, or leave that candidate out.' },
      );
    }
    const journal = new BatchJournal({
      store,
      batch: provider.batch,
      pricing: provider.batch.pricing(job.target.runConfig.model, job.target.modelInfo.pricing),
      runId,
      now: () => new Date(),
      createId: randomUUID,
      pollIntervalMs: options.pollIntervalMs ?? 30_000,
    });
    const open = (await BatchJournal.listOpen(store, options.journalTaskId)).filter(
      (b) => b.provider === job.target.runConfig.provider,
    );
    await journal.adopt(open, signal);
    journals.set(provider, journal);
  }

  const done = new Uint8Array(jobs.length);
  while (!signal.aborted) {
    const need = new Map<BatchJournal, { job: BatchAnswerJob; request: NeededRequest }[]>();
    for (const [index, job] of jobs.entries()) {
      if (done[index] || signal.aborted) continue;
      const base = job.target.provider;
      const journal = journals.get(base)!;
      const wanted: NeededRequest[] = [];
      const provider = batchReplayProvider(
        base,
        job.key,
        // Failures an earlier run recorded are asked again (as eval does with failed answers).
        { store, batch: base.batch!, inFlight: journal.inFlight, runId, retryFailed: true },
        (request) => wanted.push(request),
      );
      try {
        const output = await runTarget(job.target, job.input, { provider, signal, stream: false });
        const pricing = base.batch!.pricing(job.target.runConfig.model, job.target.modelInfo.pricing);
        done[index] = 1;
        await onAnswer(job, { output: { ...output, costUsd: costUsd(pricing, output.usage) } });
      } catch (error) {
        if (error instanceof AwaitingBatch) {
          const list = need.get(journal) ?? [];
          for (const request of wanted) list.push({ job, request });
          need.set(journal, list);
          continue;
        }
        if (signal.aborted) break;
        if (
          !DistilleryError.isInstance(error) ||
          (ProviderError.isInstance(error) && error.kind === 'aborted')
        )
          throw error;
        done[index] = 1;
        await onAnswer(job, { error });
      }
    }
    if (signal.aborted) break;
    for (const [journal, wanted] of need) {
      const byLabel = new Map<string, NeededRequest[]>();
      for (const { job, request } of wanted) {
        const label = options.label(job);
        byLabel.set(label, [...(byLabel.get(label) ?? []), request]);
      }
      for (const [label, requests] of byLabel) {
        const job = wanted.find((w) => options.label(w.job) === label)!.job;
        for (const group of planBatches(job.target.provider.batch!, requests)) {
          await journal.submit(
            {
              taskId: options.journalTaskId,
              jobId: null,
              runConfig: label,
              provider: job.target.runConfig.provider,
              model: job.target.runConfig.model,
              round: group[0]!.call,
            },
            group,
            null,
            signal,
          );
        }
      }
    }
    const open = [...journals.values()].filter((j) => j.open);
    if (open.length === 0) break;
    for (const journal of open) await journal.waitAll(signal);
  }
}
