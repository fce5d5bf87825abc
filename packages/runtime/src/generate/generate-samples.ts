import { randomUUID } from 'node:crypto';
import path from 'node:path';
import {
  addUsage,
  DistilleryError,
  EMPTY_USAGE,
  InputError,
  type ModelProvider,
  ProviderError,
  type SampleInput,
  type Usage,
  UserError,
} from '@distillery/core';
import { findTask } from '../project/find-task';
import type { Session } from '../session';
import { generationDedupeKey } from '../store/dedupe-key';
import type { SampleStore } from '../store/sample-store';
import { StoreError } from '../store/store-error';
import { buildTopicTree, isTopicTreeComplete } from './build-topic-tree';
import {
  GENERATION_FAILURE_KIND,
  type GenerationFailure,
  GenerationFailureSchema,
} from './generation-failure';
import {
  GENERATION_JOB_KIND,
  type GenerationJob,
  GenerationJobSchema,
  type GenerationSource,
  type GenerationSourceInput,
  GenerationSourceSchema,
  type GenerationStopReason,
  generationJobId,
  generationTag,
} from './generation-job';
import type { GenerationProgress } from './generation-progress';
import { findRunConfig, type GenerationTarget, resolveGenerationTarget } from './generation-target';
import { createOutputEstimator, rateLimitedProvider } from './rate-limited-provider';
import { readGenerationInputs } from './read-generation-inputs';
import { runTarget, type TargetOutput } from './run-target';
import { createTokenBucket } from './token-bucket';
import { topicTreeInputs } from './topic-tree';

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

export interface GenerationFailureSummary {
  input: string;
  reason: string;
  attempts: number;
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

interface WorkItem {
  input: string;
  key: string;
  jobId: string;
  target: GenerationTarget;
  provider: ModelProvider;
  /** The failure record this item retries. */
  failureId?: string;
}

/**
 * The items of a run, built one at a time when asked for: a generation over N inputs keeps only
 * its N input strings (and an index per input left to do), not N work items with their keys, so
 * the live heap, and with it the heap V8 reserves, does not grow with several objects per input.
 */
interface WorkList {
  readonly length: number;
  item(index: number): WorkItem;
}

const EMPTY_WORK: WorkList = {
  length: 0,
  item: (index) => {
    throw new RangeError(`No work item ${index}`);
  },
};

function workListOf(items: readonly WorkItem[]): WorkList {
  return { length: items.length, item: (index) => items[index]! };
}

/** The items of `list` at `indices`, in that order. */
function pick(list: WorkList, indices: readonly number[]): WorkList {
  return { length: indices.length, item: (index) => list.item(indices[index]!) };
}

/**
 * The inputs of a generation as a work list: duplicates dropped (their first occurrence kept),
 * the key computed when an item is built. With `allowDuplicates` every position is its own key.
 */
function inputWork(
  inputs: readonly string[],
  make: (input: string, index: number) => WorkItem,
  allowDuplicates: boolean,
): WorkList {
  let positions: number[] | undefined;
  if (!allowDuplicates) {
    // Within one generation the key depends on the input alone: dedupe on the strings we hold.
    const seen = new Set<string>();
    for (const [index, input] of inputs.entries()) {
      if (seen.has(input)) {
        positions ??= Array.from({ length: index }, (_, i) => i);
        continue;
      }
      seen.add(input);
      positions?.push(index);
    }
  }
  const at = positions;
  return {
    length: at?.length ?? inputs.length,
    item: (index) => {
      const position = at ? at[index]! : index;
      return make(inputs[position]!, position);
    },
  };
}

const FATAL_KINDS = new Set(['auth', 'permission', 'not-found']);
const FAILURES_IN_SUMMARY = 20;

function positive(name: string, value: number | undefined, integer: boolean): void {
  if (value === undefined) return;
  if (!(value > 0) || !Number.isFinite(value) || (integer && !Number.isInteger(value))) {
    throw new InputError(`${name} must be a positive ${integer ? 'integer' : 'number'}, got ${value}.`);
  }
}

/** Errors that would fail every input alike: stop the run instead of recording each. */
function isFatal(error: unknown): boolean {
  if (ProviderError.isInstance(error)) return FATAL_KINDS.has(error.kind);
  if (StoreError.isInstance(error)) return true;
  return !DistilleryError.isInstance(error);
}

function describeFailure(error: unknown): { reason: string; kind: string; status?: number } {
  if (ProviderError.isInstance(error)) {
    return { reason: error.message, kind: error.kind, ...(error.status ? { status: error.status } : {}) };
  }
  const e = error as { name?: string; message?: string };
  return { reason: e?.message ?? String(error), kind: e?.name ?? 'Error' };
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
 */
export async function generateSamples(
  session: Session,
  store: SampleStore,
  options: GenerateSamplesOptions,
  hooks: GenerateSamplesHooks = {},
): Promise<GenerationSummary> {
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
  const now = hooks.now ?? (() => new Date());
  const createId = hooks.createId ?? randomUUID;
  const concurrency = options.concurrency ?? 8;
  const stream = options.stream ?? true;
  const maxConsecutiveFailures = options.maxConsecutiveFailures ?? 20;
  const task = findTask(session, options.taskId);
  const startedAt = performance.now();

  // Every model request of this run shares the rate limits.
  const limits = {
    ...(options.requestsPerMinute
      ? { requests: createTokenBucket({ perMinute: options.requestsPerMinute }) }
      : {}),
    ...(options.tokensPerMinute ? { tokens: createTokenBucket({ perMinute: options.tokensPerMinute }) } : {}),
  };
  const estimator = createOutputEstimator();
  const wrapped = new Map<ModelProvider, ModelProvider>();
  const limited = (provider: ModelProvider) => {
    let found = wrapped.get(provider);
    if (!found) {
      found = rateLimitedProvider(provider, limits, estimator);
      wrapped.set(provider, found);
    }
    return found;
  };
  const targetFor = (name: string | undefined) =>
    resolveGenerationTarget(session, task, findRunConfig(session, task, name));

  // Stopping: the caller's signal abandons in-flight calls; budget and failures only stop launching.
  const controller = new AbortController();
  const onAbort = () => controller.abort(hooks.signal?.reason);
  if (hooks.signal?.aborted) onAbort();
  hooks.signal?.addEventListener('abort', onAbort, { once: true });

  let usage: Usage = EMPTY_USAGE;
  let spent: number | null = 0;
  let topicCost: number | null = 0;
  const addCost = (output: TargetOutput) => {
    usage = addUsage(usage, output.usage);
    spent = spent === null || output.costUsd === null ? null : spent + output.costUsd;
  };
  const overBudget = () => options.maxCostUsd !== undefined && spent !== null && spent >= options.maxCostUsd;

  let jobId: string | null = null;
  let job: GenerationJob | undefined;
  let work: WorkList = EMPTY_WORK;
  let source: GenerationSummary['source'];
  let primary: GenerationTarget;
  let count: number | null = null;
  let skippedExisting = 0;
  let skippedFailed = 0;
  let distinctInputs = 0;
  let planned = 0;
  let generated = 0;
  let failed = 0;
  let inFlight = 0;
  let generateStartedAt = performance.now();
  const failures: GenerationFailureSummary[] = [];
  let phase: GenerationProgress['phase'] = 'generating';
  let topicProgress: GenerationProgress['topics'];

  const progress = (): GenerationProgress => {
    const elapsed = performance.now() - generateStartedAt;
    const rate = generated > 0 && elapsed > 0 ? generated / (elapsed / 1000) : 0;
    const left = Math.max(0, planned - generated);
    return {
      phase,
      jobId,
      ...(topicProgress ? { topics: topicProgress } : {}),
      planned,
      generated,
      failed,
      inFlight,
      elapsedMs: Math.round(performance.now() - startedAt),
      ratePerSecond: rate,
      etaMs: rate > 0 ? Math.round((left / rate) * 1000) : null,
      usage,
      costUsd: spent,
    };
  };
  const report = () => hooks.onProgress?.(progress());

  const failureRecords = new Map(
    (await store.listRecords(GENERATION_FAILURE_KIND, GenerationFailureSchema))
      .filter((r) => r.value.taskId === task.id)
      .map((r) => [r.id, r.value] as const),
  );

  try {
    if (options.retryFailed) {
      // Inputs recorded as failed, each under its own run config (as configured now).
      const records = [...failureRecords.values()].filter(
        (f) => options.runConfig === undefined || f.runConfig === options.runConfig,
      );
      primary = targetFor(options.runConfig ?? records[0]?.runConfig);
      source = { type: 'failures' };
      const targets = new Map<string, GenerationTarget>();
      const items: WorkItem[] = [];
      for (const record of records) {
        let target = targets.get(record.runConfig);
        if (!target) {
          target = targetFor(record.runConfig);
          targets.set(record.runConfig, target);
        }
        items.push({
          input: record.input,
          key: generationDedupeKey(task.id, target.runConfig, record.input),
          jobId: record.jobId,
          target,
          provider: limited(target.provider),
          failureId: record.key,
        });
      }
      work = workListOf(items);
    } else {
      let sourceInput = options.source;
      let runConfigName = options.runConfig;
      if (sourceInput === undefined) {
        if (!options.resume) {
          throw new InputError('Nothing to generate from.', {
            advice:
              'Pass --inputs FILE, or --topics N --per-topic K, or --resume to continue the last generation.',
          });
        }
        const jobs = (await store.listRecords(GENERATION_JOB_KIND, GenerationJobSchema))
          .filter(
            (r) =>
              r.value.taskId === task.id &&
              r.value.status !== 'complete' &&
              (runConfigName === undefined || r.value.runConfig === runConfigName),
          )
          .sort((a, b) => a.updatedAt.localeCompare(b.updatedAt));
        const last = jobs.at(-1)?.value;
        if (!last) {
          throw new UserError(`Task "${task.id}" has no unfinished generation to resume.`, {
            advice: 'Start one with --inputs FILE or --topics N --per-topic K.',
          });
        }
        sourceInput = last.source;
        runConfigName = last.runConfig;
      }
      const parsedSource = GenerationSourceSchema.parse(sourceInput);
      let readFrom: string | undefined;
      if (parsedSource.type === 'file') {
        // Stored relative to the project folder, so the generation is the same from any subfolder.
        readFrom = path.resolve(session.ctx.cwd, parsedSource.file);
        const relative = path.relative(session.config.dir, readFrom);
        parsedSource.file = relative.startsWith('..') || path.isAbsolute(relative) ? readFrom : relative;
        if (options.source === undefined) readFrom = path.resolve(session.config.dir, parsedSource.file);
      }
      source = parsedSource;
      primary = targetFor(runConfigName);
      jobId = generationJobId(task.id, primary.runConfig.name, parsedSource);
      job = (await store.getRecord(GENERATION_JOB_KIND, jobId, GenerationJobSchema))?.value;
      count = options.count ?? job?.count ?? null;
      const allowDuplicates = options.allowDuplicates ?? job?.allowDuplicates ?? false;
      const tags = options.tags ? [...options.tags] : (job?.tags ?? []);
      job = {
        id: jobId,
        taskId: task.id,
        runConfig: primary.runConfig.name,
        source: parsedSource,
        count,
        tags,
        allowDuplicates,
        status: 'running',
        stopReason: null,
        generated: job?.generated ?? 0,
        failed: job?.failed ?? 0,
        costUsd: job?.costUsd ?? 0,
        runs: (job?.runs ?? 0) + 1,
      };
      if (options.maxCostUsd !== undefined && !primary.modelInfo.pricing) {
        throw new UserError(`--max-cost needs the price of ${primary.runConfig.model}, which is unknown.`, {
          advice: `Add models['${primary.runConfig.model}'].pricing (USD per million input and output tokens) to distill.config.ts.`,
        });
      }
      await store.putRecord(GENERATION_JOB_KIND, jobId, job);

      let inputs: string[];
      if (parsedSource.type === 'file') {
        inputs = (await readGenerationInputs(readFrom!, parsedSource.file)).inputs.map((i) => i.input);
      } else if (parsedSource.type === 'inputs') {
        inputs = parsedSource.inputs;
      } else {
        phase = 'topics';
        const treeTarget = targetFor(parsedSource.runConfig ?? primary.runConfig.name);
        const topicTarget: GenerationTarget =
          treeTarget.runConfig.flow === 'cot'
            ? { ...treeTarget, flow: session.plugins.flow('single') }
            : treeTarget;
        const tree = await buildTopicTree(
          {
            store,
            target: topicTarget,
            call: { provider: limited(topicTarget.provider), signal: controller.signal, stream },
            concurrency,
            onCall: (output) => {
              addCost(output);
              topicCost = topicCost === null || output.costUsd === null ? null : topicCost + output.costUsd;
              report();
            },
            shouldStop: () => controller.signal.aborted || overBudget(),
            onProgress: (done, total) => {
              topicProgress = { done, total };
              report();
            },
          },
          {
            topics: parsedSource.topics,
            subtopics: parsedSource.subtopics,
            perTopic: parsedSource.perTopic,
            guidance: parsedSource.guidance,
          },
        );
        phase = 'generating';
        inputs = isTopicTreeComplete(tree) ? topicTreeInputs(tree) : [];
        if (!isTopicTreeComplete(tree)) {
          return await finish(controller.signal.aborted ? 'interrupted' : 'budget');
        }
      }

      const target = primary;
      const provider = limited(target.provider);
      const id = jobId;
      work = inputWork(
        inputs,
        (input, index) => {
          const plain = generationDedupeKey(task.id, target.runConfig, input);
          const key = allowDuplicates ? `${plain}#${id}:${index}` : plain;
          return { input, key, jobId: id, target, provider };
        },
        allowDuplicates,
      );
    }

    // Skip what is already stored (and, unless retrying them, what failed before).
    distinctInputs = work.length;
    const todo: number[] = [];
    for (let index = 0; index < work.length; index++) {
      const item = work.item(index);
      if (await store.hasKey(item.key)) {
        skippedExisting++;
        if (item.failureId) await store.deleteRecord(GENERATION_FAILURE_KIND, item.failureId);
      } else if (!options.retryFailed && failureRecords.has(item.key)) {
        skippedFailed++;
      } else {
        todo.push(index);
      }
    }
    work = pick(work, todo);
    const already = jobId
      ? await store.count({ taskId: task.id, filter: { tags: [generationTag(jobId)] } })
      : 0;
    planned = count === null ? work.length : Math.min(work.length, Math.max(0, count - already));
    generateStartedAt = performance.now();
    report();
    return await finish(await launchAll(already));
  } finally {
    hooks.signal?.removeEventListener('abort', onAbort);
  }

  async function launchAll(already: number): Promise<GenerationStopReason> {
    let next = 0;
    let consecutiveFailures = 0;
    let costOfGenerated = 0;
    let stop: GenerationStopReason | undefined;
    let fatal: { error: unknown } | undefined;
    let wake: () => void = () => {};
    const userTags = job?.tags ?? [];

    const budgetAllows = () => {
      if (options.maxCostUsd === undefined || spent === null) return true;
      const average = generated > 0 ? costOfGenerated / generated : 0;
      return spent + (inFlight + 1) * average <= options.maxCostUsd && spent < options.maxCostUsd;
    };

    const one = async (item: WorkItem) => {
      try {
        // Checked again right before paying: another process may have generated it meanwhile.
        if (await store.hasKey(item.key)) return;
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
          if (isFatal(error)) {
            fatal ??= { error };
            return;
          }
          failed++;
          consecutiveFailures++;
          const described = describeFailure(error);
          if (failures.length < FAILURES_IN_SUMMARY) {
            failures.push({ input: item.input, reason: described.reason, attempts });
          }
          const at = now().toISOString();
          const previous = failureRecords.get(item.key);
          const record: GenerationFailure = {
            key: item.key,
            jobId: item.jobId,
            taskId: task.id,
            runConfig: item.target.runConfig.name,
            input: item.input,
            ...described,
            attempts,
            failures: (previous?.failures ?? 0) + 1,
            firstFailedAt: previous?.firstFailedAt ?? at,
            lastFailedAt: at,
          };
          failureRecords.set(item.key, record);
          await store.putRecord(GENERATION_FAILURE_KIND, item.key, record);
          if (item.failureId && item.failureId !== item.key) {
            await store.deleteRecord(GENERATION_FAILURE_KIND, item.failureId);
          }
          return;
        }
        addCost(output);
        const sample: SampleInput = {
          id: createId(),
          taskId: task.id,
          input: item.input,
          output: {
            content: output.content,
            ...(output.structured !== undefined ? { structured: output.structured } : {}),
          },
          reasoning:
            output.reasoning !== null && output.reasoningOrigin !== null
              ? {
                  text: output.reasoning,
                  origin: output.reasoningOrigin,
                  truncated: output.reasoningTruncated,
                  ...(output.reasoningMetadata !== undefined ? { metadata: output.reasoningMetadata } : {}),
                }
              : null,
          // The conversation before the input (the prompt as sent), as imported chats keep it.
          trace: output.trace.slice(
            0,
            Math.max(
              0,
              output.trace.findIndex((m) => m.role === 'user'),
            ),
          ),
          source: { type: 'synthetic', runConfig: item.target.runConfig },
          tags: [...new Set(['synthetic', generationTag(item.jobId), ...userTags])],
          rating: null,
          usage: output.usage,
          costUsd: output.costUsd,
          latencyMs: output.latencyMs,
          finishReason: output.finishReason,
          createdAt: now().toISOString(),
        };
        const result = await store.insert(sample, { dedupeKey: item.key });
        if (result.inserted) {
          generated++;
          costOfGenerated += output.costUsd ?? 0;
        }
        consecutiveFailures = 0;
        const failureId = item.failureId ?? (failureRecords.has(item.key) ? item.key : undefined);
        if (failureId) {
          failureRecords.delete(failureId);
          await store.deleteRecord(GENERATION_FAILURE_KIND, failureId);
        }
      } catch (error) {
        fatal ??= { error };
      }
    };

    for (;;) {
      if (controller.signal.aborted) stop = 'interrupted';
      else if (fatal) stop = 'interrupted';
      else if (consecutiveFailures >= maxConsecutiveFailures) stop = 'too-many-failures';
      else if (overBudget()) stop = 'budget';
      while (
        stop === undefined &&
        inFlight < concurrency &&
        next < work.length &&
        generated + inFlight < planned &&
        budgetAllows()
      ) {
        const item = work.item(next++);
        inFlight++;
        void one(item).finally(() => {
          inFlight--;
          report();
          wake();
        });
      }
      if (inFlight === 0) break;
      await new Promise<void>((resolve) => {
        wake = resolve;
      });
    }
    if (fatal) throw fatal.error;
    if (stop) return stop;
    if (count !== null && already + generated >= count) return 'count-reached';
    if (next < work.length && generated < planned && !budgetAllows()) return 'budget';
    return 'done';
  }

  async function finish(stopReason: GenerationStopReason): Promise<GenerationSummary> {
    phase = 'finishing';
    report();
    const totalGenerated = jobId
      ? await store.count({ taskId: task.id, filter: { tags: [generationTag(jobId)] } })
      : generated;
    const complete = stopReason === 'done' || stopReason === 'count-reached';
    if (job && jobId) {
      await store.putRecord(GENERATION_JOB_KIND, jobId, {
        ...job,
        status: complete ? 'complete' : 'stopped',
        stopReason,
        generated: totalGenerated,
        failed: [...failureRecords.values()].filter((f) => f.jobId === jobId).length,
        costUsd: job.costUsd === null || spent === null ? null : job.costUsd + spent,
      } satisfies GenerationJob);
    }
    return {
      jobId,
      taskId: task.id,
      runConfig: primary.runConfig.name,
      provider: primary.runConfig.provider,
      model: primary.runConfig.model,
      source,
      inputs: distinctInputs,
      skippedExisting,
      skippedFailed,
      planned,
      generated,
      failed,
      totalGenerated,
      count,
      stopReason,
      complete,
      usage,
      costUsd: spent,
      topicCostUsd: topicCost,
      elapsedMs: Math.round(performance.now() - startedAt),
      failures,
    };
  }
}
