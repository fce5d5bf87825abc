import { randomUUID } from 'node:crypto';
import { addUsage, EMPTY_USAGE, InputError, type Usage } from '@distillery/core';
import { openBatchKeys } from '../batch/open-batch-keys';
import { findTask } from '../project/find-task';
import type { Session } from '../session';
import type { SampleStore } from '../store/sample-store';
import {
  describeFailure,
  FailureRecorder,
  type GenerationFailureSummary,
  isFatalGenerationError,
} from './failure-recorder';
import { claimsForStore, type GenerationClaims } from './generation-claims';
import {
  type GenerationSource,
  type GenerationSourceInput,
  type GenerationStopReason,
  generationTag,
} from './generation-job';
import type { GenerationProgress } from './generation-progress';
import { GenerationScheduler } from './generation-scheduler';
import type { WorkItem, WorkList } from './generation-work';
import { linkedAbort } from './linked-abort';
import { prepareGeneration, selectWork } from './prepare-generation';
import { createRunLimiter } from './run-limiter';
import { runTarget, type TargetOutput } from './run-target';
import { SampleRecorder } from './sample-recorder';

export type { GenerationFailureSummary } from './failure-recorder';

export interface GenerateSamplesOptions {
  taskId: string;
  /** Run config name of the task; default its first. */
  runConfig?: string;
  /** Where inputs come from. Without it: `resume` continues the task's last unfinished generation. */
  source?: GenerationSourceInput;
  /** Samples this generation should produce in all, counting those of earlier interrupted runs. */
  count?: number;
  /** Samples generated at once. Default 8. */
  concurrency?: number;
  /** Model requests per minute (each call of a multi-call flow counts). */
  requestsPerMinute?: number;
  /** Tokens per minute (prompt + output; estimated before a request, corrected after). */
  tokensPerMinute?: number;
  /** Stop launching once this many US dollars would be exceeded; in-flight samples finish. */
  maxCostUsd?: number;
  /** Continue the task's last unfinished generation (re-running the same generation does too). */
  resume?: boolean;
  /** Generate the inputs recorded as failed (for the task, or for `runConfig` only). */
  retryFailed?: boolean;
  /** Generate an input again even when the same run config already answered it. */
  allowDuplicates?: boolean;
  /** Added to every sample, after `synthetic` and `generation:<id>`. */
  tags?: readonly string[];
  /** Use the providers' streaming APIs (default true: long reasoning never idles a connection). */
  stream?: boolean;
  /** Stop launching after this many failures in a row. Default 20. */
  maxConsecutiveFailures?: number;
}

export interface GenerateSamplesHooks {
  onProgress?: (progress: GenerationProgress) => void;
  /** Aborting stops launching and abandons in-flight calls; nothing partial is written. */
  signal?: AbortSignal;
  now?: () => Date;
  createId?: () => string;
}

export interface GenerationSummary {
  /** The generation's id (null for `retryFailed`, which spans generations). */
  jobId: string | null;
  taskId: string;
  runConfig: string;
  provider: string;
  model: string;
  source: GenerationSource | { type: 'failures' };
  /** Distinct inputs known to the generation. */
  inputs: number;
  /** Inputs skipped because the run config already answered them. */
  skippedExisting: number;
  /** Inputs skipped because they failed before (use `retryFailed`). */
  skippedFailed: number;
  /** Inputs skipped because a provider batch (`generate --batch`) still holds their requests. */
  skippedInBatch: number;
  /** Samples this run meant to produce. */
  planned: number;
  generated: number;
  failed: number;
  /** Samples of this generation stored in all, earlier runs included. */
  totalGenerated: number;
  /** The generation's target count, or null for every input. */
  count: number | null;
  stopReason: GenerationStopReason;
  /** Nothing is left to do (every input generated or the count reached; failures aside). */
  complete: boolean;
  usage: Usage;
  costUsd: number | null;
  /** Part of `costUsd` spent writing the topic tree. */
  topicCostUsd: number | null;
  elapsedMs: number;
  /** The first failures of this run. */
  failures: GenerationFailureSummary[];
}

function positive(name: string, value: number | undefined, integer: boolean): void {
  if (value === undefined) return;
  if (!(value > 0) || !Number.isFinite(value) || (integer && !Number.isInteger(value))) {
    throw new InputError(`${name} must be a positive ${integer ? 'integer' : 'number'}, got ${value}.`);
  }
}

/** Checks the numbers and tags of generation options; throws an InputError naming the bad one. */
export function validateGenerateOptions(options: GenerateSamplesOptions): void {
  positive('count', options.count, true);
  positive('concurrency', options.concurrency, true);
  positive('requestsPerMinute', options.requestsPerMinute, false);
  positive('tokensPerMinute', options.tokensPerMinute, false);
  positive('maxCostUsd', options.maxCostUsd, false);
  const badTags = (options.tags ?? []).filter((tag) => tag === '' || /\s/.test(tag));
  if (badTags.length > 0) {
    throw new InputError(
      `Invalid tag ${badTags.map((t) => JSON.stringify(t)).join(', ')}: tags cannot be empty or contain spaces.`,
      {
        advice: 'Use tags like batch_1 or teacher-r1 (underscores or dashes instead of spaces).',
      },
    );
  }
}

/**
 * Generates samples for a task: inputs from a file or from a topic tree a model writes, outputs
 * from a run config of the task (so a reasoning model or the chain-of-thought flow both yield
 * reasoning). Bounded concurrency, request and token rate limits, a dollar budget.
 *
 * Idempotent and resumable: an input is skipped when the store already holds its
 * `generationDedupeKey` (checked right before each call), each sample is committed on its own
 * with that key, and a generation (task + run config + source) is a record, so running it again
 * picks up where it stopped. A failure after the provider's retries is recorded as a
 * `generation-failure` record and retried with `retryFailed`.
 *
 * The pieces: `prepareGeneration` + `selectWork` decide the work, a `GenerationScheduler` runs
 * it, and the `SampleRecorder`, `FailureRecorder` and `GenerationJobRecorder` write what happened.
 */
export async function generateSamples(
  session: Session,
  store: SampleStore,
  options: GenerateSamplesOptions,
  hooks: GenerateSamplesHooks = {},
): Promise<GenerationSummary> {
  validateGenerateOptions(options);
  const now = hooks.now ?? (() => new Date());
  const createId = hooks.createId ?? randomUUID;
  const concurrency = options.concurrency ?? 8;
  const stream = options.stream ?? true;
  const maxConsecutiveFailures = options.maxConsecutiveFailures ?? 20;
  const task = findTask(session, options.taskId);
  const startedAt = performance.now();

  // Every model request of this run shares the rate limits.
  const limited = createRunLimiter(options);

  // Stopping: the caller's signal abandons in-flight calls; budget and failures only stop launching.
  const link = linkedAbort(hooks.signal);
  const controller = link.controller;

  let usage: Usage = EMPTY_USAGE;
  let spent: number | null = 0;
  let topicCost: number | null = 0;
  const addCost = (output: TargetOutput) => {
    usage = addUsage(usage, output.usage);
    spent = spent === null || output.costUsd === null ? null : spent + output.costUsd;
  };
  const overBudget = () => options.maxCostUsd !== undefined && spent !== null && spent >= options.maxCostUsd;

  const failures = await FailureRecorder.load(store, task.id, now);
  let samples: SampleRecorder | undefined;
  let scheduler: GenerationScheduler<GenerationStopReason> | undefined;
  let jobId: string | null = null;
  let planned = 0;
  let generateStartedAt = performance.now();
  let phase: GenerationProgress['phase'] = 'generating';
  let topicProgress: GenerationProgress['topics'];
  const generatedNow = () => samples?.generated ?? 0;

  const progress = (): GenerationProgress => {
    const generated = generatedNow();
    const elapsed = performance.now() - generateStartedAt;
    const rate = generated > 0 && elapsed > 0 ? generated / (elapsed / 1000) : 0;
    const left = Math.max(0, planned - generated);
    return {
      phase,
      jobId,
      ...(topicProgress ? { topics: topicProgress } : {}),
      planned,
      generated,
      failed: failures.count,
      inFlight: scheduler?.inFlight ?? 0,
      elapsedMs: Math.round(performance.now() - startedAt),
      ratePerSecond: rate,
      etaMs: rate > 0 ? Math.round((left / rate) * 1000) : null,
      usage,
      costUsd: spent,
    };
  };
  const report = () => hooks.onProgress?.(progress());

  try {
    const prepared = await prepareGeneration(
      {
        session,
        store,
        task,
        failures,
        limited,
        topics: {
          signal: controller.signal,
          stream,
          concurrency,
          onStart: () => {
            phase = 'topics';
          },
          onCall: (output) => {
            addCost(output);
            topicCost = topicCost === null || output.costUsd === null ? null : topicCost + output.costUsd;
            report();
          },
          onProgress: (done, total) => {
            topicProgress = { done, total };
            report();
          },
          shouldStop: () => controller.signal.aborted || overBudget(),
        },
      },
      options,
    );
    jobId = prepared.jobId;
    phase = 'generating';
    samples = new SampleRecorder({
      store,
      taskId: task.id,
      failures,
      tags: prepared.job?.job.tags ?? [],
      createId,
      now,
    });
    const selected = prepared.stopped
      ? { work: prepared.work, inputs: 0, skippedExisting: 0, skippedFailed: 0, skippedInBatch: 0 }
      : await selectWork(
          store,
          failures,
          prepared.work,
          options.retryFailed ?? false,
          // Never pay directly for what a provider batch was already sent.
          await openBatchKeys(store, task.id),
        );
    const already = prepared.job && !prepared.stopped ? await prepared.job.stored() : 0;
    const { count } = prepared;
    if (!prepared.stopped) {
      planned =
        count === null ? selected.work.length : Math.min(selected.work.length, Math.max(0, count - already));
    }
    generateStartedAt = performance.now();
    if (!prepared.stopped) report();
    // Claims in the store keep a second process on this generation from paying for the same inputs.
    const claims = claimsForStore(store, jobId ? { jobId, tag: generationTag(jobId), count } : undefined);
    let stopReason: GenerationStopReason;
    try {
      stopReason = prepared.stopped ?? (await launchAll(selected.work, samples, count, already, claims));
    } finally {
      claims?.close();
    }

    // Finishing: the job record gets how the run ended.
    phase = 'finishing';
    report();
    const totalGenerated = prepared.job ? await prepared.job.stored() : generatedNow();
    const complete = stopReason === 'done' || stopReason === 'count-reached';
    await prepared.job?.finish(stopReason, {
      generated: totalGenerated,
      failed: jobId ? failures.countForJob(jobId) : 0,
      spentUsd: spent,
    });
    const primary = prepared.primary;
    return {
      jobId,
      taskId: task.id,
      runConfig: primary.runConfig.name,
      provider: primary.runConfig.provider,
      model: primary.runConfig.model,
      source: prepared.source,
      inputs: selected.inputs,
      skippedExisting: selected.skippedExisting,
      skippedFailed: selected.skippedFailed,
      skippedInBatch: selected.skippedInBatch,
      planned,
      generated: generatedNow(),
      failed: failures.count,
      totalGenerated,
      count,
      stopReason,
      complete,
      usage,
      costUsd: spent,
      topicCostUsd: topicCost,
      elapsedMs: Math.round(performance.now() - startedAt),
      failures: failures.summary,
    };
  } finally {
    link.unlink();
  }

  async function launchAll(
    work: WorkList,
    recorder: SampleRecorder,
    count: number | null,
    already: number,
    claims: GenerationClaims | undefined,
  ): Promise<GenerationStopReason> {
    let consecutiveFailures = 0;

    const budgetAllows = (inFlight: number) => {
      if (options.maxCostUsd === undefined || spent === null) return true;
      const average = recorder.generated > 0 ? recorder.costOfGenerated / recorder.generated : 0;
      return spent + (inFlight + 1) * average <= options.maxCostUsd && spent < options.maxCostUsd;
    };

    const one = async (item: WorkItem) => {
      // Checked again right before paying: another process may have generated or claimed it meanwhile.
      if ((await recorder.has(item)) || claims?.claim(item.key) === false) return;
      let attempts = 0;
      let output: TargetOutput;
      try {
        output = await runTarget(item.target, item.input, {
          provider: item.provider,
          signal: controller.signal,
          stream,
          onAttempt: () => attempts++,
        });
      } catch (error) {
        if (controller.signal.aborted) return; // abandoned: nothing is written
        if (isFatalGenerationError(error)) throw error;
        consecutiveFailures++;
        await failures.record(item, describeFailure(error), attempts);
        return;
      }
      addCost(output);
      await recorder.record(item, output);
      consecutiveFailures = 0;
    };

    scheduler = new GenerationScheduler<GenerationStopReason>({
      length: work.length,
      concurrency,
      stopReason: () => {
        if (controller.signal.aborted) return 'interrupted';
        if (consecutiveFailures >= maxConsecutiveFailures) return 'too-many-failures';
        if (overBudget()) return 'budget';
        return undefined;
      },
      mayLaunch: (inFlight) => recorder.generated + inFlight < planned && budgetAllows(inFlight),
      run: (index) => {
        const item = work.item(index);
        return one(item).finally(() => claims?.release(item.key));
      },
      onSettled: report,
      onLaunched: report,
    });
    const { stop, launched } = await scheduler.run();
    if (stop) return stop;
    if (count !== null && already + recorder.generated >= count) return 'count-reached';
    if (launched < work.length && recorder.generated < planned && !budgetAllows(scheduler.inFlight)) {
      return 'budget';
    }
    return 'done';
  }
}
