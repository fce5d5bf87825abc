import path from 'node:path';
import { InputError, type ModelProvider, type Task, UserError } from '@distillery/core';
import type { Session } from '../session';
import { generationDedupeKey } from '../store/dedupe-key';
import type { SampleStore } from '../store/sample-store';
import { buildTopicTree, isTopicTreeComplete } from './build-topic-tree';
import type { FailureRecorder } from './failure-recorder';
import {
  type GenerationSource,
  type GenerationSourceInput,
  GenerationSourceSchema,
  generationJobId,
} from './generation-job';
import { GenerationJobRecorder } from './generation-job-recorder';
import { findRunConfig, type GenerationTarget, resolveGenerationTarget } from './generation-target';
import { inputWork, pickWork, type WorkItem, type WorkList, workListOf } from './generation-work';
import { readGenerationInputs } from './read-generation-inputs';
import type { TargetOutput } from './run-target';
import { topicTreeInputs } from './topic-tree';

/** What a generation is asked to do (the part of the options that decides the work). */
export interface GenerationRequest {
  runConfig?: string;
  source?: GenerationSourceInput;
  count?: number;
  resume?: boolean;
  retryFailed?: boolean;
  allowDuplicates?: boolean;
  tags?: readonly string[];
  maxCostUsd?: number;
}

export interface PrepareGenerationContext {
  session: Session;
  store: SampleStore;
  task: Task;
  failures: FailureRecorder;
  /** The provider every call goes through (rate limited). */
  limited(provider: ModelProvider): ModelProvider;
  /** Writing a topic tree (for a `topics` source). */
  topics: {
    signal: AbortSignal;
    stream: boolean;
    concurrency: number;
    onStart(): void;
    onCall(output: TargetOutput): void;
    onProgress(done: number, total: number): void;
    shouldStop(): boolean;
  };
}

export interface PreparedGeneration {
  /** The generation's id (null for `retryFailed`, which spans generations). */
  jobId: string | null;
  job: GenerationJobRecorder | undefined;
  source: GenerationSource | { type: 'failures' };
  /** The run config the generation is for (with `retryFailed`, each item keeps its own). */
  primary: GenerationTarget;
  /** The generation's target count, or null for every input. */
  count: number | null;
  work: WorkList;
  /** The topic tree could not be finished: why. */
  stopped?: 'interrupted' | 'budget';
}

/**
 * Decides what a generation works on: the inputs recorded as failed (`retryFailed`), or the
 * generation of a source (a file, given inputs, or a topic tree written first), recorded as a
 * `generation-job` marked running. Nothing is filtered yet (see `selectWork`).
 */
export async function prepareGeneration(
  ctx: PrepareGenerationContext,
  request: GenerationRequest,
): Promise<PreparedGeneration> {
  const { session, store, task, failures } = ctx;
  const targetFor = (name: string | undefined) =>
    resolveGenerationTarget(session, task, findRunConfig(session, task, name));

  if (request.retryFailed) {
    // Inputs recorded as failed, each under its own run config (as configured now).
    const records = failures
      .list()
      .filter((f) => request.runConfig === undefined || f.runConfig === request.runConfig);
    const primary = await targetFor(request.runConfig ?? records[0]?.runConfig);
    const targets = new Map<string, GenerationTarget>();
    const items: WorkItem[] = [];
    for (const record of records) {
      let target = targets.get(record.runConfig);
      if (!target) {
        target = await targetFor(record.runConfig);
        targets.set(record.runConfig, target);
      }
      items.push({
        input: record.input,
        key: generationDedupeKey(task.id, target.runConfig, record.input),
        jobId: record.jobId,
        target,
        provider: ctx.limited(target.provider),
        failureId: record.key,
      });
    }
    return {
      jobId: null,
      job: undefined,
      source: { type: 'failures' },
      primary,
      count: null,
      work: workListOf(items),
    };
  }

  let sourceInput = request.source;
  let runConfigName = request.runConfig;
  if (sourceInput === undefined) {
    if (!request.resume) {
      throw new InputError('Nothing to generate from.', {
        advice:
          'Pass --inputs FILE, or --topics N --per-topic K, or --resume to continue the last generation.',
      });
    }
    const last = (await GenerationJobRecorder.unfinished(store, task.id, runConfigName)).at(-1)?.value;
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
    if (request.source === undefined) readFrom = path.resolve(session.config.dir, parsedSource.file);
  }
  const primary = await targetFor(runConfigName);
  const jobId = generationJobId(task.id, primary.runConfig.name, parsedSource);
  const previous = await GenerationJobRecorder.previous(store, jobId);
  const job = GenerationJobRecorder.prepare(
    store,
    {
      id: jobId,
      taskId: task.id,
      runConfig: primary.runConfig.name,
      source: parsedSource,
      count: request.count,
      tags: request.tags,
      allowDuplicates: request.allowDuplicates,
    },
    previous,
  );
  const { count, allowDuplicates } = job.job;
  if (request.maxCostUsd !== undefined && !primary.modelInfo.pricing) {
    throw new UserError(`--max-cost needs the price of ${primary.runConfig.model}, which is unknown.`, {
      advice: `Add models['${primary.runConfig.model}'].pricing (USD per million input and output tokens) to distill.config.ts.`,
    });
  }
  // A bad inputs file is refused before the job is recorded: nothing is written.
  const fileInputs =
    parsedSource.type === 'file'
      ? (await readGenerationInputs(readFrom!, parsedSource.file)).inputs.map((i) => i.input)
      : undefined;
  await job.start();

  const prepared = { jobId, job, source: parsedSource, primary, count };
  let inputs: string[];
  if (parsedSource.type === 'file') {
    inputs = fileInputs ?? [];
  } else if (parsedSource.type === 'inputs') {
    inputs = parsedSource.inputs;
  } else {
    const topics = ctx.topics;
    topics.onStart();
    const treeTarget = await targetFor(parsedSource.runConfig ?? primary.runConfig.name);
    const topicTarget: GenerationTarget =
      treeTarget.runConfig.flow === 'cot'
        ? { ...treeTarget, flow: await session.plugins.flow('single') }
        : treeTarget;
    const tree = await buildTopicTree(
      {
        store,
        target: topicTarget,
        call: { provider: ctx.limited(topicTarget.provider), signal: topics.signal, stream: topics.stream },
        concurrency: topics.concurrency,
        onCall: topics.onCall,
        shouldStop: topics.shouldStop,
        onProgress: topics.onProgress,
      },
      {
        topics: parsedSource.topics,
        subtopics: parsedSource.subtopics,
        perTopic: parsedSource.perTopic,
        guidance: parsedSource.guidance,
      },
    );
    if (!isTopicTreeComplete(tree)) {
      return { ...prepared, work: workListOf([]), stopped: topics.signal.aborted ? 'interrupted' : 'budget' };
    }
    inputs = topicTreeInputs(tree);
  }

  const provider = ctx.limited(primary.provider);
  const work = inputWork(
    inputs,
    (input, index) => {
      const plain = generationDedupeKey(task.id, primary.runConfig, input);
      const key = allowDuplicates ? `${plain}#${jobId}:${index}` : plain;
      return { input, key, jobId, target: primary, provider };
    },
    allowDuplicates,
  );
  return { ...prepared, work };
}

export interface SelectedWork {
  /** What is left to do. */
  work: WorkList;
  /** Distinct inputs known to the generation. */
  inputs: number;
  /** Inputs skipped because the run config already answered them. */
  skippedExisting: number;
  /** Inputs skipped because they failed before (use `retryFailed`). */
  skippedFailed: number;
  /** Inputs skipped because a provider batch still holds their requests. */
  skippedInBatch: number;
}

/** Skips what is already stored (and, unless retrying them, what failed before). */
export async function selectWork(
  store: SampleStore,
  failures: FailureRecorder,
  work: WorkList,
  retryFailed: boolean,
  inBatch: ReadonlySet<string> = new Set(),
): Promise<SelectedWork> {
  let skippedExisting = 0;
  let skippedFailed = 0;
  let skippedInBatch = 0;
  const todo: number[] = [];
  for (let index = 0; index < work.length; index++) {
    const item = work.item(index);
    if (await store.hasKey(item.key)) {
      skippedExisting++;
      await failures.forgetRetried(item);
    } else if (!retryFailed && failures.has(item.key)) {
      skippedFailed++;
    } else if (inBatch.has(item.key)) {
      skippedInBatch++;
    } else {
      todo.push(index);
    }
  }
  return { work: pickWork(work, todo), inputs: work.length, skippedExisting, skippedFailed, skippedInBatch };
}
