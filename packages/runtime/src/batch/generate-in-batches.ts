import { randomUUID } from 'node:crypto';
import {
  addUsage,
  EMPTY_USAGE,
  type ModelPricing,
  type ModelProvider,
  type RunConfig,
  type Usage,
  UserError,
} from '@distillery/core';
import { describeFailure, FailureRecorder } from '../generate/failure-recorder';
import {
  type GenerateSamplesHooks,
  type GenerateSamplesOptions,
  type GenerationSummary,
  validateGenerateOptions,
} from '../generate/generate-samples';
import type { GenerationStopReason } from '../generate/generation-job';
import type { GenerationProgress } from '../generate/generation-progress';
import { findRunConfig, resolveGenerationTarget } from '../generate/generation-target';
import { linkedAbort } from '../generate/linked-abort';
import { prepareGeneration, selectWork } from '../generate/prepare-generation';
import { SampleRecorder } from '../generate/sample-recorder';
import { findTask } from '../project/find-task';
import type { Session } from '../session';
import type { SampleStore } from '../store/sample-store';
import { BatchJournal, type BatchProgress } from './batch-journal';
import { runBatchRounds } from './run-batch-rounds';

export interface GenerateInBatchesOptions extends GenerateSamplesOptions {
  /** How often to ask the provider how its batches are doing. Default 30 s. */
  pollIntervalMs?: number;
  /** Prompt tokens the model's open batches may hold at the provider at once (its enqueued-token quota). */
  maxEnqueuedTokens?: number;
  /** Output tokens to expect per request when pricing a batch before submission (default: `maxTokens`, else what earlier results used, else 1,000). */
  expectedOutputTokens?: number;
}

export interface GenerateInBatchesHooks extends GenerateSamplesHooks {
  /** The open provider batches, after each poll. */
  onBatches?: (batches: BatchProgress[]) => void;
}

export interface BatchGenerationSummary extends GenerationSummary {
  /** Provider batches this run submitted. */
  batchesSubmitted: number;
  /** Requests this run submitted. */
  requestsSubmitted: number;
  /** Batches still running at the provider (after an interrupt): resume with the same command. */
  openBatches: BatchProgress[];
  /** The model's batch price, or null when unknown (costs are then null). */
  batchPricing: ModelPricing | null;
}

function noBatchApi(runConfig: RunConfig): UserError {
  return new UserError(
    `Provider "${runConfig.provider}" (run config "${runConfig.name}") has no batch API.`,
    {
      advice: 'Run without --batch to call it directly, or use a run config whose provider has one.',
    },
  );
}

/**
 * `generateSamples` through the provider's batch API: every call of the run config's flow goes
 * into provider batches, round by round (the chain-of-thought flow's thinking calls, then its
 * final calls), each batch recorded before submission and its results stored as downloaded
 * (see `BatchJournal`). An item's flow is replayed from the stored results after every round,
 * so a crash at any moment loses nothing paid for and the next run sends only what no batch
 * holds. Requests that come back failed (errored, expired, cancelled, missing) make the item a
 * recorded failure; `retryFailed` sends those requests again, alone.
 */
export async function generateInBatches(
  session: Session,
  store: SampleStore,
  options: GenerateInBatchesOptions,
  hooks: GenerateInBatchesHooks = {},
): Promise<BatchGenerationSummary> {
  validateGenerateOptions(options);
  const now = hooks.now ?? (() => new Date());
  const createId = hooks.createId ?? randomUUID;
  const runId = randomUUID();
  const task = findTask(session, options.taskId);
  const startedAt = performance.now();
  const link = linkedAbort(hooks.signal);
  const signal = link.signal;

  let usage: Usage = EMPTY_USAGE;
  let spent: number | null = 0;
  let topicCost: number | null = 0;
  const failures = await FailureRecorder.load(store, task.id, now);
  if (options.runConfig !== undefined || options.source !== undefined) {
    // Before anything is recorded or paid (a topic tree is written with direct calls).
    const runConfig = findRunConfig(session, task, options.runConfig);
    if (!(await resolveGenerationTarget(session, task, runConfig)).provider.batch)
      throw noBatchApi(runConfig);
  }

  try {
    const prepared = await prepareGeneration(
      {
        session,
        store,
        task,
        failures,
        limited: (provider: ModelProvider) => provider,
        topics: {
          signal,
          stream: options.stream ?? true,
          concurrency: options.concurrency ?? 8,
          onStart: () => {},
          onCall: (output) => {
            usage = addUsage(usage, output.usage);
            spent = spent === null || output.costUsd === null ? null : spent + output.costUsd;
            topicCost = topicCost === null || output.costUsd === null ? null : topicCost + output.costUsd;
          },
          onProgress: () => {},
          shouldStop: () => signal.aborted,
        },
      },
      options,
    );
    const target = prepared.primary;
    const batch = target.provider.batch;
    if (!batch) throw noBatchApi(target.runConfig);
    const model = target.runConfig.model;
    const pricing = batch.pricing(model, target.modelInfo.pricing);
    if (options.maxCostUsd !== undefined && !pricing) {
      throw new UserError(`--max-cost needs the batch price of ${model}, which is unknown.`, {
        advice: 'Run without --max-cost, or without --batch to use the direct price.',
      });
    }
    const samples = new SampleRecorder({
      store,
      taskId: task.id,
      failures,
      tags: prepared.job?.job.tags ?? [],
      createId,
      now,
    });
    const selected = prepared.stopped
      ? { work: prepared.work, inputs: 0, skippedExisting: 0, skippedFailed: 0, skippedInBatch: 0 }
      : await selectWork(store, failures, prepared.work, options.retryFailed ?? false);
    // One provider per batch run: items of other providers (retried failures) wait for a direct run.
    const work = selected.work;
    const already = prepared.job && !prepared.stopped ? await prepared.job.stored() : 0;
    const { count } = prepared;
    const planned = prepared.stopped
      ? 0
      : count === null
        ? work.length
        : Math.min(work.length, Math.max(0, count - already));

    const journal = new BatchJournal({
      store,
      batch,
      pricing,
      runId,
      now,
      createId,
      pollIntervalMs: options.pollIntervalMs ?? 30_000,
      onProgress: (batches) => {
        hooks.onBatches?.(batches);
        report();
      },
    });
    const generateStartedAt = performance.now();
    let inFlight = 0;
    const progress = (): GenerationProgress => {
      const generated = samples.generated;
      const elapsed = performance.now() - generateStartedAt;
      const rate = generated > 0 && elapsed > 0 ? generated / (elapsed / 1000) : 0;
      return {
        phase: 'generating',
        jobId: prepared.jobId,
        planned,
        generated,
        failed: failures.count,
        inFlight,
        elapsedMs: Math.round(performance.now() - startedAt),
        ratePerSecond: rate,
        etaMs: null,
        usage,
        costUsd: spent,
      };
    };
    const report = () => hooks.onProgress?.(progress());

    // Batches an earlier run left open (this task, this provider) carry requests we must not send again.
    const open = (await BatchJournal.listOpen(store, task.id)).filter(
      (b) => b.provider === target.runConfig.provider,
    );
    await journal.adopt(open, signal);

    let stop: GenerationStopReason | undefined = prepared.stopped;
    let batchesSubmitted = 0;
    let requestsSubmitted = 0;
    if (stop === undefined) {
      const rounds = await runBatchRounds(work, {
        store,
        runId,
        signal,
        journalFor: () => journal,
        recordFor: () => ({ taskId: task.id, jobId: prepared.jobId, runConfig: target.runConfig.name }),
        retryFailed: options.retryFailed ?? false,
        // Items no batch holds yet start only while the count is not reached.
        admit: (started) => samples.generated + started < planned,
        ...(options.maxCostUsd !== undefined ? { maxCostUsd: options.maxCostUsd } : {}),
        spentElsewhere: () => topicCost,
        ...(options.expectedOutputTokens !== undefined
          ? { expectedOutputTokens: options.expectedOutputTokens }
          : {}),
        ...(options.maxEnqueuedTokens !== undefined ? { maxEnqueuedTokens: options.maxEnqueuedTokens } : {}),
        onDone: async (item, output) => {
          await samples.record(item, output);
        },
        onFailed: (item, error) => failures.record(item, describeFailure(error), 0),
        onRound: () => {
          inFlight = journal.inFlight.size;
          report();
        },
        onIngested: (got) => {
          usage = addUsage(usage, got.usage);
          spent = spent === null || got.costUsd === null ? null : spent + got.costUsd;
          report();
        },
      });
      stop = rounds.stop;
      batchesSubmitted = rounds.batchesSubmitted;
      requestsSubmitted = rounds.requestsSubmitted;
    }

    const stopReason: GenerationStopReason =
      stop ?? (count !== null && already + samples.generated >= count ? 'count-reached' : 'done');
    const totalGenerated = prepared.job ? await prepared.job.stored() : samples.generated;
    await prepared.job?.finish(stopReason, {
      generated: totalGenerated,
      failed: prepared.jobId ? failures.countForJob(prepared.jobId) : 0,
      spentUsd: spent,
    });
    return {
      jobId: prepared.jobId,
      taskId: task.id,
      runConfig: target.runConfig.name,
      provider: target.runConfig.provider,
      model,
      source: prepared.source,
      inputs: selected.inputs,
      skippedExisting: selected.skippedExisting,
      skippedFailed: selected.skippedFailed,
      skippedInBatch: selected.skippedInBatch,
      planned,
      generated: samples.generated,
      failed: failures.count,
      totalGenerated,
      count,
      stopReason,
      complete: stopReason === 'done' || stopReason === 'count-reached',
      usage,
      costUsd: spent,
      topicCostUsd: topicCost,
      elapsedMs: Math.round(performance.now() - startedAt),
      failures: failures.summary,
      batchesSubmitted,
      requestsSubmitted,
      openBatches: journal.progress(),
      batchPricing: pricing ?? null,
    };
  } finally {
    link.unlink();
  }
}
