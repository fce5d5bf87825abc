import { createHash } from 'node:crypto';
import {
  type CandidateOutputV1,
  costUsd,
  DistilleryError,
  InputError,
  type ModelCallResultV1,
  type ModelCallV1,
  normalizedScoreV1,
  type PairwiseResultV1,
  ProviderError,
  type ScoreItemV1,
  type ScoreResultV1,
  type ScorerContextV1,
  type ScorerV1,
  UserError,
} from '@distillery/core';
import { answerInBatches } from '../batch/answer-in-batches';
import type { BatchProgress } from '../batch/batch-journal';
import { linkedAbort } from '../generate/linked-abort';
import { createRunLimiter } from '../generate/run-limiter';
import { runTarget, type TargetOutput } from '../generate/run-target';
import { resolveModelInfo } from '../plugins/resolve-model-info';
import { findTask } from '../project/find-task';
import type { Session } from '../session';
import type { SampleStore } from '../store/sample-store';
import { stableJson } from '../store/stable-json';
import { StoreError } from '../store/store-error';
import { type EvalCandidate, type EvalCandidateSpec, resolveEvalCandidate } from './eval-candidate';
import { type EvalItemsSource, readEvalItems } from './eval-items';
import {
  EVAL_ANSWER_KIND,
  EVAL_REPORT_KIND,
  EVAL_RUN_KIND,
  EVAL_SCORE_KIND,
  type EvalAnswer,
  EvalAnswerSchema,
  type EvalRunRecord,
  EvalScoreSchema,
  evalAnswerKey,
  evalScoreKey,
} from './eval-records';
import { buildEvalReport, type EvalReport } from './eval-report';

export interface RunEvalOptions {
  taskId: string;
  items: EvalItemsSource;
  candidates: readonly EvalCandidateSpec[];
  /** The candidate the others are compared with (its name); default the first run config, else the first candidate. */
  reference?: string;
  scorer: { id: string; options?: Record<string, unknown> };
  /** Evaluate on a split a fine-tune trained on (refused by default: the score would be inflated). */
  force?: boolean;
  /** Call every candidate again instead of reusing answers stored by earlier runs or evals. */
  fresh?: boolean;
  /** Answers in flight at once. Default 8. */
  concurrency?: number;
  requestsPerMinute?: number;
  tokensPerMinute?: number;
  /** Stop launching once this many dollars are spent by this run; in-flight answers finish. */
  maxCostUsd?: number;
  /** Stop launching after this many failed calls in a row. Default 20. */
  maxConsecutiveFailures?: number;
  stream?: boolean;
  /** Candidates answer through their providers' batch APIs (see `answerInBatches`). */
  batch?: boolean;
  /** With `batch`: prompt tokens a model's open batches may hold at the provider at once. */
  maxEnqueuedTokens?: number;
  /** How often to ask the provider how its batches are doing (with `batch`). Default 30 s. */
  pollIntervalMs?: number;
  confidence?: number;
  bootstrap?: { iterations?: number; seed?: number };
}

/** Progress of a running eval, for people watching it. */
export interface EvalProgress {
  /** Answers this run must get (item x candidate not already stored). */
  planned: number;
  done: number;
  failed: number;
  inFlight: number;
  reused: number;
  elapsedMs: number;
  etaMs: number | null;
  spentUsd: number | null;
}

export interface RunEvalHooks {
  onProgress?: (progress: EvalProgress) => void;
  /** With `batch`: the open provider batches after each submission and poll, and once more at the end (those left running). */
  onBatches?: (batches: BatchProgress[]) => void;
  signal?: AbortSignal;
  now?: () => Date;
}

const FATAL_KINDS = new Set(['auth', 'permission', 'not-found']);

function isFatal(error: unknown): boolean {
  if (ProviderError.isInstance(error)) return FATAL_KINDS.has(error.kind);
  if (StoreError.isInstance(error)) return true;
  return !DistilleryError.isInstance(error);
}

function positive(name: string, value: number | undefined, integer: boolean): void {
  if (value === undefined) return;
  if (!(value > 0) || !Number.isFinite(value) || (integer && !Number.isInteger(value))) {
    throw new InputError(`${name} must be a positive ${integer ? 'integer' : 'number'}, got ${value}.`);
  }
}

function asOutput(answer: EvalAnswer): CandidateOutputV1 {
  return {
    content: answer.content,
    ...(answer.structured !== undefined ? { structured: answer.structured } : {}),
    reasoning: answer.reasoning,
    reasoningTruncated: answer.reasoningTruncated,
    finishReason: answer.finishReason,
    usage: answer.usage,
  };
}

/**
 * Runs an eval: every candidate answers every frozen item, each answer is scored, and the report
 * compares the candidates with the reference. Each answer is stored the moment it arrives (keyed
 * by the candidate's fingerprint and the input), so a killed run resumes without paying twice and
 * a later eval of the same candidate on the same items reuses them (unless `fresh`). Scores are
 * stored too (judges cost money). Bounded concurrency, request and token rate limits, a budget.
 */
export async function runEval(
  session: Session,
  store: SampleStore,
  options: RunEvalOptions,
  hooks: RunEvalHooks = {},
): Promise<EvalReport> {
  positive('concurrency', options.concurrency, true);
  positive('requestsPerMinute', options.requestsPerMinute, false);
  positive('tokensPerMinute', options.tokensPerMinute, false);
  positive('maxCostUsd', options.maxCostUsd, false);
  const now = hooks.now ?? (() => new Date());
  const concurrency = options.concurrency ?? 8;
  const maxConsecutiveFailures = options.maxConsecutiveFailures ?? 20;
  const stream = options.stream ?? true;
  const task = findTask(session, options.taskId);
  if (options.candidates.length === 0) {
    throw new InputError('An eval needs at least one candidate.', {
      advice: 'Name candidates with --run-config NAME, --fine-tune ID or --model PROVIDER:MODEL.',
    });
  }

  // Scorer: resolved and its options checked before anything is paid for.
  const scorer: ScorerV1 = await session.plugins.scorer(options.scorer.id);
  const scorerOptions = options.scorer.options ?? {};
  try {
    scorer.checkOptions?.(scorerOptions);
  } catch (error) {
    throw new InputError((error as Error).message, {
      advice: `See the options of scorer "${scorer.id}": ${Object.keys(scorer.optionsHelp ?? {}).join(', ') || 'none'}.`,
    });
  }

  const { items, datasetId, label } = await readEvalItems(store, task, options.items, session.ctx.cwd);
  const candidates: EvalCandidate[] = [];
  for (const spec of options.candidates) {
    const candidate = await resolveEvalCandidate(session, store, task, spec);
    if (candidates.some((c) => c.name === candidate.name)) {
      throw new InputError(`Two candidates are named "${candidate.name}".`, {
        advice: 'Name each candidate once (give one a name with NAME=... on the command line).',
      });
    }
    candidates.push(candidate);
  }
  // Leakage guard: a fine-tune is not evaluated on what it trained on.
  if (options.items.type === 'split') {
    const split = options.items.split;
    for (const c of candidates) {
      if (
        c.trainedOn &&
        c.trainedOn.datasetId === datasetId &&
        c.trainedOn.splits.includes(split) &&
        !options.force
      ) {
        throw new UserError(
          `Fine-tune ${c.name} was trained on split "${split}" of this dataset; its score there would be inflated.`,
          {
            advice: 'Evaluate on the held-out split (--split test), or pass --force to do it anyway.',
          },
        );
      }
    }
  }
  const referenceName =
    options.reference ?? candidates.find((c) => c.type === 'run-config')?.name ?? candidates[0]!.name;
  if (!candidates.some((c) => c.name === referenceName)) {
    throw new InputError(`The reference "${referenceName}" is not one of the candidates.`, {
      advice: `Candidates: ${candidates.map((c) => c.name).join(', ')}.`,
    });
  }
  // With `batch` the batch price is what counts; `answerInBatches` asks for it.
  if (options.maxCostUsd !== undefined && !options.batch) {
    const unpriced = candidates.filter((c) => !c.target.modelInfo.pricing);
    if (unpriced.length > 0) {
      throw new UserError(
        `--max-cost needs the price of ${unpriced.map((c) => c.target.runConfig.model).join(', ')}, which is unknown.`,
        {
          advice: `Add models['${unpriced[0]!.target.runConfig.model}'].pricing (USD per million input and output tokens) to distill.config.ts.`,
        },
      );
    }
  }

  const evalId = `eval_${createHash('sha256')
    .update(
      stableJson({
        task: task.id,
        items: options.items,
        candidates: candidates.map((c) => [c.name, c.fingerprint]),
        scorer: [scorer.id, scorerOptions],
      }),
    )
    .digest('hex')
    .slice(0, 16)}`;
  const createdAt = now().toISOString();
  const runRecord: EvalRunRecord = {
    id: evalId,
    taskId: task.id,
    items: options.items,
    candidates: [...options.candidates],
    reference: referenceName,
    scorer: { id: scorer.id, options: scorerOptions },
    status: 'running',
    createdAt,
  };
  await store.putRecord(EVAL_RUN_KIND, evalId, runRecord);

  // One rate limit for every call of this run, answers and judges alike.
  const limited = createRunLimiter(options);
  const link = linkedAbort(hooks.signal);
  const controller = link.controller;

  let spent: number | null = 0;
  const addCost = (cost: number | null) => {
    spent = spent === null || cost === null ? null : spent + cost;
  };
  const callModel = async (call: ModelCallV1): Promise<ModelCallResultV1> => {
    const provider = await session.plugins.provider(call.provider);
    const result = await limited(provider).chat(
      {
        model: call.model,
        messages: call.messages,
        ...(call.parameters ? { parameters: call.parameters } : {}),
        ...(call.logprobs ? { logprobs: { top: call.logprobs } } : {}),
      },
      { signal: controller.signal },
    );
    const cost = costUsd(resolveModelInfo(provider, call.model, session.config.config).pricing, result.usage);
    addCost(cost);
    return {
      content: result.content,
      reasoning: result.reasoning,
      usage: result.usage,
      costUsd: cost,
      ...(result.logprobs ? { logprobs: result.logprobs } : {}),
    };
  };
  const context: ScorerContextV1 = { options: scorerOptions, callModel, signal: controller.signal };

  // What is stored already: answers (reused unless fresh; failed ones are asked again) and scores.
  const answers = new Map<string, (EvalAnswer | undefined)[]>();
  const scores = new Map<string, (ScoreResultV1 | PairwiseResultV1 | undefined)[]>();
  type Job = { candidate: EvalCandidate; index: number; key: string };
  const jobs: Job[] = [];
  let reused = 0;
  for (const candidate of candidates) {
    const list: (EvalAnswer | undefined)[] = [];
    for (const [index, item] of items.entries()) {
      const key = evalAnswerKey(candidate.fingerprint, item.input);
      const stored = options.fresh
        ? undefined
        : (await store.getRecord(EVAL_ANSWER_KIND, key, EvalAnswerSchema))?.value;
      if (stored && stored.status === 'ok') {
        reused++;
        list.push(stored);
      } else {
        list.push(undefined);
        jobs.push({ candidate, index, key });
      }
    }
    answers.set(candidate.name, list);
    scores.set(
      candidate.name,
      items.map(() => undefined),
    );
  }

  const startedAt = performance.now();
  let done = 0;
  let failed = 0;
  let inFlight = 0;
  let paid = 0;
  let consecutiveFailures = 0;
  let costOfPaid = 0;
  const report = () => {
    const elapsed = performance.now() - startedAt;
    const rate = done > 0 ? done / elapsed : 0;
    hooks.onProgress?.({
      planned: jobs.length,
      done,
      failed,
      inFlight,
      reused,
      elapsedMs: Math.round(elapsed),
      etaMs: rate > 0 ? Math.round((jobs.length - done - failed) / rate) : null,
      spentUsd: spent,
    });
  };

  const answerOne = async (job: Job, produce?: () => Promise<TargetOutput>): Promise<void> => {
    const item = items[job.index]!;
    const target = job.candidate.target;
    const at = now().toISOString();
    let answer: EvalAnswer;
    try {
      const output = produce
        ? await produce()
        : await runTarget(target, item.input, {
            provider: limited(target.provider),
            signal: controller.signal,
            stream,
          });
      addCost(output.costUsd);
      costOfPaid += output.costUsd ?? 0;
      answer = {
        key: job.key,
        fingerprint: job.candidate.fingerprint,
        provider: target.runConfig.provider,
        model: target.runConfig.model,
        input: item.input,
        status: 'ok',
        content: output.content,
        ...(output.structured !== undefined ? { structured: output.structured } : {}),
        reasoning: output.reasoning,
        reasoningTruncated: output.reasoningTruncated,
        finishReason: output.finishReason,
        usage: output.usage,
        costUsd: output.costUsd,
        latencyMs: output.latencyMs,
        createdAt: at,
      };
      paid++;
      consecutiveFailures = 0;
    } catch (error) {
      if (controller.signal.aborted) return;
      if (isFatal(error)) throw error;
      failed++;
      consecutiveFailures++;
      const e = error as { message?: string; kind?: string; name?: string };
      answer = {
        key: job.key,
        fingerprint: job.candidate.fingerprint,
        provider: target.runConfig.provider,
        model: target.runConfig.model,
        input: item.input,
        status: 'failed',
        content: '',
        reasoning: null,
        reasoningTruncated: false,
        finishReason: 'error',
        usage: { inputTokens: 0, outputTokens: 0 },
        costUsd: 0,
        latencyMs: 0,
        error: { kind: e.kind ?? e.name ?? 'Error', message: e.message ?? String(error) },
        createdAt: at,
      };
    }
    // Stored before anything else can fail: this answer is never paid for again.
    await store.putRecord(EVAL_ANSWER_KIND, job.key, answer);
    answers.get(job.candidate.name)![job.index] = answer;
    if (answer.status === 'ok') done++;
  };

  let stopReason: EvalReport['run']['stopReason'] = 'done';
  const overBudget = () => options.maxCostUsd !== undefined && spent !== null && spent >= options.maxCostUsd;
  const budgetAllows = () => {
    if (options.maxCostUsd === undefined || spent === null) return true;
    const average = paid > 0 ? costOfPaid / paid : 0;
    return spent + (inFlight + 1) * average <= options.maxCostUsd && spent < options.maxCostUsd;
  };
  try {
    report();
    let fatal: { error: unknown } | undefined;
    let next = 0;
    let wake: () => void = () => {};
    if (options.batch) {
      // Every answer through the batch APIs; the loop below then has nothing left to launch.
      const byKey = new Map(jobs.map((j) => [j.key, j]));
      const answered = await answerInBatches(
        store,
        jobs.map((j) => ({ key: j.key, target: j.candidate.target, input: items[j.index]!.input })),
        {
          journalTaskId: `${task.id}#eval`,
          label: (j) => byKey.get(j.key)!.candidate.name,
          signal: controller.signal,
          ...(options.pollIntervalMs !== undefined ? { pollIntervalMs: options.pollIntervalMs } : {}),
          ...(options.maxCostUsd !== undefined ? { maxCostUsd: options.maxCostUsd } : {}),
          ...(options.maxEnqueuedTokens !== undefined
            ? { maxEnqueuedTokens: options.maxEnqueuedTokens }
            : {}),
          ...(hooks.onBatches ? { onBatches: hooks.onBatches } : {}),
        },
        (j, got) =>
          answerOne(byKey.get(j.key)!, async () => {
            if ('error' in got) throw got.error;
            return got.output;
          }).finally(report),
      );
      if (answered.stop) stopReason = answered.stop;
    }
    while (!options.batch) {
      let stop: EvalReport['run']['stopReason'] | undefined;
      if (controller.signal.aborted || fatal) stop = 'interrupted';
      else if (consecutiveFailures >= maxConsecutiveFailures) stop = 'too-many-failures';
      else if (overBudget()) stop = 'budget';
      if (stop) stopReason = stop;
      while (!stop && inFlight < concurrency && next < jobs.length && budgetAllows()) {
        const job = jobs[next++]!;
        inFlight++;
        void answerOne(job)
          .catch((error: unknown) => {
            fatal ??= { error };
          })
          .finally(() => {
            inFlight--;
            report();
            wake();
          });
      }
      if (!stop && next < jobs.length && inFlight === 0 && !budgetAllows()) stopReason = 'budget';
      if (inFlight === 0) break;
      await new Promise<void>((resolve) => {
        wake = resolve;
      });
    }
    if (fatal) throw fatal.error;

    // Scores: stored ones are reused; the rest are computed (judges pay) and stored.
    const scorerKey = { id: scorer.id, options: scorerOptions };
    const referenceAnswers = answers.get(referenceName)!;
    const scoreJobs: { candidate: string; index: number }[] = [];
    for (const c of candidates) {
      if (scorer.mode === 'pairwise' && c.name === referenceName) continue;
      answers.get(c.name)!.forEach((answer, index) => {
        if (answer && answer.status === 'ok') scoreJobs.push({ candidate: c.name, index });
      });
    }
    let scoreFatal: { error: unknown } | undefined;
    let nextScore = 0;
    const scoreWorker = async () => {
      while (nextScore < scoreJobs.length && !scoreFatal && !controller.signal.aborted) {
        const { candidate, index } = scoreJobs[nextScore++]!;
        const answer = answers.get(candidate)![index]!;
        const item: ScoreItemV1 = items[index]!;
        const against = scorer.mode === 'pairwise' ? referenceAnswers[index] : undefined;
        if (scorer.mode === 'pairwise' && against?.status !== 'ok') continue;
        const key = evalScoreKey(scorerKey, answer.key, item.reference, against?.key);
        const stored = await store.getRecord(EVAL_SCORE_KIND, key, EvalScoreSchema);
        if (stored) {
          scores.get(candidate)![index] = stored.value.result;
          continue;
        }
        try {
          const result =
            scorer.mode === 'pairwise'
              ? await scorer.compare(item, asOutput(answer), asOutput(against!), context)
              : await scorer.score(item, asOutput(answer), context);
          const judgeCost = result.judge?.reduce<number | null>(
            (total, call) => (total === null || call.costUsd === null ? null : total + call.costUsd),
            0,
          );
          await store.putRecord(EVAL_SCORE_KIND, key, {
            key,
            scorer: scorer.id,
            answerKey: answer.key,
            result,
            costUsd: judgeCost ?? null,
            createdAt: now().toISOString(),
          });
          scores.get(candidate)![index] = result;
        } catch (error) {
          if (controller.signal.aborted) return;
          scoreFatal ??= { error };
        }
      }
    };
    await Promise.all(
      Array.from({ length: Math.max(1, Math.min(concurrency, scoreJobs.length)) }, scoreWorker),
    );
    if (scoreFatal) throw scoreFatal.error;
    if (controller.signal.aborted) stopReason = 'interrupted';

    // Calibration: the scorer on the reference answers of human-rated items.
    let calibration: { scores: (number | null)[] } | undefined;
    if (scorer.mode === 'single' && items.some((item) => item.humanRating != null && item.reference)) {
      const calibrationScores: (number | null)[] = [];
      for (const item of items) {
        if (item.humanRating == null || !item.reference || controller.signal.aborted) {
          calibrationScores.push(null);
          continue;
        }
        const reference: CandidateOutputV1 = {
          content: item.reference.content,
          ...(item.reference.structured !== undefined ? { structured: item.reference.structured } : {}),
          reasoning: item.reference.reasoning ?? null,
          reasoningTruncated: false,
          finishReason: 'stop',
          usage: { inputTokens: 0, outputTokens: 0 },
        };
        const result = await scorer.score(item, reference, context);
        calibrationScores.push(result.score ? normalizedScoreV1(result.score) : null);
      }
      calibration = { scores: calibrationScores };
    }

    const complete =
      stopReason === 'done' && [...answers.values()].every((list) => list.every((a) => a?.status === 'ok'));
    const result = buildEvalReport({
      evalId,
      taskId: task.id,
      createdAt,
      itemsSource: label,
      items,
      candidates: candidates.map((c) => ({
        name: c.name,
        type: c.type,
        provider: c.target.runConfig.provider,
        model: c.target.runConfig.model,
        flow: c.target.flow.id,
        parser: c.target.parser?.id ?? null,
        trainingCostUsd: c.trainingCostUsd ?? null,
      })),
      reference: referenceName,
      scorer: { id: scorer.id, mode: scorer.mode, options: scorerOptions },
      answers,
      scores,
      structured: candidates.some((c) => c.target.outputSchema !== undefined),
      run: {
        paidAnswers: paid,
        reusedAnswers: reused,
        failedCalls: failed,
        spentUsd: spent,
        stopReason,
        complete,
      },
      ...(calibration ? { calibration } : {}),
      ...(options.confidence !== undefined ? { confidence: options.confidence } : {}),
      ...(options.bootstrap ? { bootstrap: options.bootstrap } : {}),
    });
    // The report first, then the record that points at it: a list never names a missing report.
    await store.putRecord(EVAL_REPORT_KIND, evalId, result);
    const finished: EvalRunRecord = {
      ...runRecord,
      status: complete ? 'complete' : 'stopped',
      stopReason,
      itemsLabel: label,
      itemCount: items.length,
      headlines: result.candidates.map((c) => ({ name: c.name, score: c.score.estimate, scored: c.scored })),
      updatedAt: now().toISOString(),
    };
    await store.putRecord(EVAL_RUN_KIND, evalId, finished);
    return result;
  } finally {
    link.unlink();
  }
}
