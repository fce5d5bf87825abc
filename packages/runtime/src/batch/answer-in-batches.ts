import { randomUUID } from 'node:crypto';
import { type ModelProvider, UserError } from '@distillery/core';
import type { GenerationTarget } from '../generate/generation-target';
import type { TargetOutput } from '../generate/run-target';
import type { SampleStore } from '../store/sample-store';
import { BatchJournal, type BatchProgress } from './batch-journal';
import { runBatchRounds } from './run-batch-rounds';

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
  /** Submit no more once the answers' batches (priced before submission) would cost more than this. */
  maxCostUsd?: number;
  /** Prompt tokens a model's open batches may hold at the provider at once (see `runBatchRounds`). */
  maxEnqueuedTokens?: number;
  /** Output tokens to expect per request when pricing a batch. */
  expectedOutputTokens?: number;
  /** The open provider batches, after each submission and poll. */
  onBatches?: (batches: BatchProgress[]) => void;
}

/** What became of a job: its output at the batch price, or the failure its request came back with. */
export type BatchAnswer = { output: TargetOutput } | { error: unknown };

export interface BatchAnswersSummary {
  /** Why it stopped early (budget: some answers were not submitted); undefined when all were answered. */
  stop: 'interrupted' | 'budget' | undefined;
  batchesSubmitted: number;
  requestsSubmitted: number;
  /** Batches still running at the provider (after an interrupt): the next run picks them up. */
  openBatches: BatchProgress[];
}

/**
 * Answers jobs through their providers' batch APIs, with the same crash-safe journal and rounds
 * as `generateInBatches` (`runBatchRounds`): requests recorded before submission, results stored
 * as downloaded, batches an earlier run left open adopted (never submitted twice), every call of a
 * flow a round of batches, and `maxCostUsd` checked against each batch's price before it is
 * submitted. Calls `onAnswer` once per job as soon as its flow has finished (or failed).
 */
export async function answerInBatches(
  store: SampleStore,
  jobs: readonly BatchAnswerJob[],
  options: AnswerInBatchesOptions,
  onAnswer: (job: BatchAnswerJob, answer: BatchAnswer) => Promise<void>,
): Promise<BatchAnswersSummary> {
  const { signal } = options;
  const runId = randomUUID();
  // One journal per provider and model: a journal prices every result at its model's batch price.
  const journals = new Map<ModelProvider, Map<string, BatchJournal>>();
  const all: BatchJournal[] = [];
  const progress = () => all.flatMap((j) => j.progress());
  const open = await BatchJournal.listOpen(store, options.journalTaskId);
  for (const job of jobs) {
    const provider = job.target.provider;
    const model = job.target.runConfig.model;
    const byModel = journals.get(provider) ?? new Map<string, BatchJournal>();
    journals.set(provider, byModel);
    if (byModel.has(model)) continue;
    if (!provider.batch) {
      throw new UserError(
        `Provider "${job.target.runConfig.provider}" (candidate ${options.label(job)}) has no batch API.`,
        { advice: 'Run without --batch, or leave that candidate out.' },
      );
    }
    const pricing = provider.batch.pricing(model, job.target.modelInfo.pricing);
    if (options.maxCostUsd !== undefined && !pricing) {
      throw new UserError(
        `--max-cost needs the batch price of ${model} (candidate ${options.label(job)}), which is unknown.`,
        {
          advice: `Add models['${model}'].pricing to distill.config.ts (batch prices follow from it where the provider discounts batches), or run without --max-cost.`,
        },
      );
    }
    const journal = new BatchJournal({
      store,
      batch: provider.batch,
      pricing,
      runId,
      now: () => new Date(),
      createId: randomUUID,
      pollIntervalMs: options.pollIntervalMs ?? 30_000,
      onProgress: () => options.onBatches?.(progress()),
    });
    byModel.set(model, journal);
    all.push(journal);
    // Batches an earlier run left open for this provider and model carry requests never to send again.
    const providerId = job.target.runConfig.provider;
    await journal.adopt(
      open.filter((b) => b.provider === providerId && b.model === model),
      signal,
    );
  }

  const result = await runBatchRounds(
    { length: jobs.length, item: (index) => jobs[index]! },
    {
      store,
      runId,
      signal,
      journalFor: (job) => journals.get(job.target.provider)!.get(job.target.runConfig.model)!,
      recordFor: (job) => ({ taskId: options.journalTaskId, jobId: null, runConfig: options.label(job) }),
      // Failures an earlier run recorded are asked again (as eval does with failed answers).
      retryFailed: true,
      ...(options.maxCostUsd !== undefined ? { maxCostUsd: options.maxCostUsd } : {}),
      ...(options.expectedOutputTokens !== undefined
        ? { expectedOutputTokens: options.expectedOutputTokens }
        : {}),
      ...(options.maxEnqueuedTokens !== undefined ? { maxEnqueuedTokens: options.maxEnqueuedTokens } : {}),
      onDone: (job, output) => onAnswer(job, { output }),
      onFailed: (job, error) => onAnswer(job, { error }),
      onBatches: () => options.onBatches?.(progress()),
    },
  );
  const openBatches = progress();
  options.onBatches?.(openBatches);
  return { ...result, openBatches };
}
