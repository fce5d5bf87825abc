import {
  normalizedScoreV1,
  type PairwiseResultV1,
  type ScoreItemV1,
  type ScoreResultV1,
  type ScoreV1,
} from '@distillery/core';
import type { EvalAnswer } from './eval-records';
import { bootstrapMean, bootstrapPairedDifference, bootstrapPairedRatio } from './stats/bootstrap-interval';
import { breakEvenCalls } from './stats/break-even-calls';
import { cohenKappa } from './stats/cohen-kappa';
import { DEFAULT_CONFIDENCE, type Interval } from './stats/interval';
import { kendallTau } from './stats/kendall-tau';
import { type McNemarResult, mcnemarExactTest } from './stats/mcnemar-exact-test';
import { minimumDetectableDifference, sampleStandardDeviation } from './stats/minimum-detectable-difference';
import { pairedProportionDifference } from './stats/paired-proportion-difference';
import { wilsonInterval } from './stats/wilson-interval';
import { type WinTieLoss, winTieLoss } from './stats/win-tie-loss';

/** Why an answer is not a plain answer. An answer can have several. */
export type EvalOutcome = 'call-failed' | 'reasoning-truncated' | 'empty-answer' | 'invalid-structure';

export interface EvalCandidateInfo {
  name: string;
  type: 'run-config' | 'fine-tune' | 'model';
  provider: string;
  model: string;
  flow: string;
  parser: string | null;
  trainingCostUsd: number | null;
}

/** One candidate's answer to one item, with its score, as the per-item table shows it. */
export interface EvalItemAnswer {
  content: string;
  reasoning: string | null;
  outcomes: EvalOutcome[];
  /** The main score on 0..1 (pass 1, fail 0), or null when unscored. */
  score: number | null;
  /** The scorer's own score (pass/fail or a number in its range). */
  rawScore: ScoreV1 | null;
  /** What the scorer read out of the answer (the number, the verdict). */
  extracted: string | null;
  /** Named sub-scores on 0..1 (e.g. `strict`, `flexible`). */
  parts: Record<string, number>;
  skipped: string | null;
  /** The judge's reasoning, for judges. */
  judgeReasoning: string | null;
  costUsd: number | null;
  latencyMs: number;
  tokens: { input: number; output: number; reasoning: number | null };
  /** The answer was stored by an earlier run or eval and not paid for again. */
}

export interface EvalItemRow {
  id: string;
  input: string;
  reference: string | null;
  answers: Record<string, EvalItemAnswer | null>;
}

export interface EvalCandidateSummary extends EvalCandidateInfo {
  /** Items answered (stored answers, failed calls included). */
  answered: number;
  /** Items with a score. */
  scored: number;
  /** Mean score on 0..1 (accuracy for pass/fail) with its interval: Wilson for pass/fail, bootstrap otherwise. */
  score: Interval;
  /** True when every score is pass/fail. */
  passFail: boolean;
  /** Passes (pass/fail scorers), or null. */
  passes: number | null;
  /** Sub-scores with intervals, e.g. numeric's `strict` and `flexible`. */
  parts: Record<string, Interval>;
  outcomes: Record<EvalOutcome, number>;
  /** Mean characters of reasoning over answers that have any, and how many have any. */
  reasoning: { withReasoning: number; meanChars: number | null };
  tokens: { input: number; output: number; reasoning: number | null; meanPerItem: number | null };
  costUsd: {
    /** Total over the answers (stored answers count at what they cost when made). */
    total: number | null;
    perItem: number | null;
    /** Total cost divided by the number of correct answers (score sum for graded scorers). */
    perCorrect: number | null;
    /** What judge calls cost, for judge scorers. */
    judging: number | null;
  };
  latencyMs: { mean: number | null; p50: number | null; p90: number | null; perCorrect: number | null };
}

export interface EvalComparison {
  candidate: string;
  reference: string;
  /** Items both answered and both scored. */
  n: number;
  /** Mean paired difference candidate - reference: Newcombe for pass/fail, paired bootstrap otherwise. */
  difference: Interval;
  /** McNemar's exact test (pass/fail only). */
  mcnemar: McNemarResult | null;
  /** Paired bootstrap p-value is not computed; the interval shows the same information. */
  winTieLoss: WinTieLoss;
  /** Candidate mean / reference mean with a paired bootstrap interval ("share of teacher accuracy retained"). */
  retained: Interval;
  /** Smallest true difference these n items detect at 5% (two-sided) with 80% power. */
  minimumDetectableDifference: number | null;
  /** Calls after which the candidate (training + its price per call) is cheaper than the reference, or null. */
  breakEvenCalls: number | null;
}

/**
 * Agreement of the scorer with people (judge calibration): the scorer's score of each rated
 * item's reference answer against the human 1-5 rating of that answer.
 */
export interface EvalCalibration {
  n: number;
  kappa: Interval | null;
  tau: Interval | null;
}

/**
 * Everything `distill eval` reports, as one JSON-serialisable object: `--json` prints it, the
 * HTML report and the web Evals page render it. Scores are on 0..1 (pass = 1); intervals carry
 * their method and confidence; null means "not defined for this data" (no items, unknown price).
 */
export interface EvalReport {
  version: 1;
  evalId: string;
  taskId: string;
  createdAt: string;
  items: { source: string; count: number };
  scorer: { id: string; mode: 'single' | 'pairwise'; options: Record<string, unknown> };
  reference: string;
  confidence: number;
  bootstrap: { iterations: number; seed: number };
  candidates: EvalCandidateSummary[];
  comparisons: EvalComparison[];
  calibration: EvalCalibration[];
  /** This run: answers paid for now, answers reused from the store, and what was spent. */
  run: {
    paidAnswers: number;
    reusedAnswers: number;
    failedCalls: number;
    spentUsd: number | null;
    stopReason: 'done' | 'budget' | 'interrupted' | 'too-many-failures';
    complete: boolean;
  };
  perItem: EvalItemRow[];
}

export interface EvalReportInput {
  evalId: string;
  taskId: string;
  createdAt: string;
  itemsSource: string;
  items: readonly ScoreItemV1[];
  candidates: readonly EvalCandidateInfo[];
  reference: string;
  scorer: EvalReport['scorer'];
  /** Per candidate, per item (in item order): the stored answer, or undefined when not answered. */
  answers: ReadonlyMap<string, readonly (EvalAnswer | undefined)[]>;
  /** Per candidate, per item: the score result (pairwise verdicts for pairwise scorers), or undefined. */
  scores: ReadonlyMap<string, readonly (ScoreResultV1 | PairwiseResultV1 | undefined)[]>;
  /** Whether the task asks for structured output (then a missing structured value is an outcome). */
  structured: boolean;
  run: EvalReport['run'];
  /** The scorer's scores (0..1) of the items' reference answers, for calibration against human ratings. */
  calibration?: { scores: readonly (number | null)[] };
  confidence?: number;
  bootstrap?: { iterations?: number; seed?: number };
}

function outcomesOf(answer: EvalAnswer, structured: boolean): EvalOutcome[] {
  const out: EvalOutcome[] = [];
  if (answer.status === 'failed') return ['call-failed'];
  if (answer.reasoningTruncated) out.push('reasoning-truncated');
  if (answer.content.trim() === '') out.push('empty-answer');
  if (structured && answer.structured === undefined) out.push('invalid-structure');
  return out;
}

function isPairwise(result: ScoreResultV1 | PairwiseResultV1): result is PairwiseResultV1 {
  return 'winner' in result;
}

/** A single result as a score on 0..1; a pairwise verdict as 1 (win), 0.5 (tie), 0 (loss). */
function mainScore(result: ScoreResultV1 | PairwiseResultV1 | undefined): {
  value: number | null;
  raw: ScoreV1 | null;
} {
  if (!result) return { value: null, raw: null };
  if (isPairwise(result)) {
    const value = result.winner === 'a' ? 1 : result.winner === 'tie' ? 0.5 : 0;
    return { value, raw: { type: 'number', value, min: 0, max: 1 } };
  }
  return result.score
    ? { value: normalizedScoreV1(result.score), raw: result.score }
    : { value: null, raw: null };
}

function quantile(sorted: readonly number[], q: number): number | null {
  if (sorted.length === 0) return null;
  const position = (sorted.length - 1) * q;
  const low = Math.floor(position);
  return sorted[low]! + (sorted[Math.ceil(position)]! - sorted[low]!) * (position - low);
}

function sum(values: readonly number[]): number {
  return values.reduce((a, b) => a + b, 0);
}

function judgeCost(result: ScoreResultV1 | PairwiseResultV1 | undefined): number | null {
  if (!result?.judge) return 0;
  let total = 0;
  for (const call of result.judge) {
    if (call.costUsd === null) return null;
    total += call.costUsd;
  }
  return total;
}

/** Computes every figure of an eval from its stored answers and scores. Pure: same input, same report. */
export function buildEvalReport(input: EvalReportInput): EvalReport {
  const confidence = input.confidence ?? DEFAULT_CONFIDENCE;
  const iterations = input.bootstrap?.iterations ?? 2000;
  const seed = input.bootstrap?.seed ?? 1;
  const n = input.items.length;
  const perItem: EvalItemRow[] = input.items.map((item) => ({
    id: item.id,
    input: item.input,
    reference: item.reference?.content ?? null,
    answers: {},
  }));
  const scoreVectors = new Map<string, (number | null)[]>();
  const passVectors = new Map<string, (boolean | null)[]>();

  const candidates: EvalCandidateSummary[] = input.candidates.map((info) => {
    const answers = input.answers.get(info.name) ?? [];
    const results = input.scores.get(info.name) ?? [];
    const scores: (number | null)[] = [];
    const passes: (boolean | null)[] = [];
    const partValues = new Map<string, number[]>();
    const outcomes: Record<EvalOutcome, number> = {
      'call-failed': 0,
      'reasoning-truncated': 0,
      'empty-answer': 0,
      'invalid-structure': 0,
    };
    let answered = 0;
    let cost: number | null = 0;
    let judging: number | null = 0;
    let inputTokens = 0;
    let outputTokens = 0;
    let reasoningTokens: number | null = null;
    const latencies: number[] = [];
    const reasoningLengths: number[] = [];
    let allPassFail = true;
    for (let i = 0; i < n; i++) {
      const answer = answers[i];
      const result = results[i];
      const { value, raw } = mainScore(result);
      scores.push(answer ? value : null);
      passes.push(raw?.type === 'pass-fail' ? raw.pass : null);
      if (raw && raw.type !== 'pass-fail') allPassFail = false;
      if (!answer) {
        perItem[i]!.answers[info.name] = null;
        continue;
      }
      answered++;
      const itemOutcomes = outcomesOf(answer, input.structured);
      for (const o of itemOutcomes) outcomes[o]++;
      if (answer.status === 'ok') {
        cost = cost === null || answer.costUsd === null ? null : cost + answer.costUsd;
        inputTokens += answer.usage.inputTokens;
        outputTokens += answer.usage.outputTokens;
        if (answer.usage.reasoningTokens !== undefined)
          reasoningTokens = (reasoningTokens ?? 0) + answer.usage.reasoningTokens;
        latencies.push(answer.latencyMs);
        if (answer.reasoning && answer.reasoning.trim() !== '')
          reasoningLengths.push(answer.reasoning.length);
      }
      const jc = judgeCost(result);
      judging = judging === null || jc === null ? null : judging + jc;
      const parts: Record<string, number> = {};
      if (result && !isPairwise(result)) {
        for (const [name, part] of Object.entries(result.parts ?? {})) {
          parts[name] = normalizedScoreV1(part);
          const list = partValues.get(name) ?? [];
          list.push(parts[name]!);
          partValues.set(name, list);
        }
      }
      perItem[i]!.answers[info.name] = {
        content: answer.content,
        reasoning: answer.reasoning,
        outcomes: itemOutcomes,
        score: value,
        rawScore: raw,
        extracted: result && !isPairwise(result) ? (result.extracted ?? null) : null,
        parts,
        skipped: result && !isPairwise(result) ? (result.skipped ?? null) : null,
        judgeReasoning:
          result?.judge
            ?.map((j) => j.reasoning)
            .filter((r) => r)
            .join('\n\n') || null,
        costUsd: answer.costUsd,
        latencyMs: answer.latencyMs,
        tokens: {
          input: answer.usage.inputTokens,
          output: answer.usage.outputTokens,
          reasoning: answer.usage.reasoningTokens ?? null,
        },
      };
    }
    scoreVectors.set(info.name, scores);
    passVectors.set(info.name, passes);
    const scored = scores.filter((s): s is number => s !== null);
    const passFail =
      allPassFail && scored.length > 0 && passes.every((p, i) => scores[i] === null || p !== null);
    const passCount = passFail ? passes.filter((p) => p === true).length : null;
    const score = passFail
      ? wilsonInterval(passCount!, scored.length, confidence)
      : bootstrapMean(scored, { confidence, iterations, seed });
    const parts: Record<string, Interval> = {};
    for (const [name, values] of partValues) {
      const binary = values.every((v) => v === 0 || v === 1);
      parts[name] = binary
        ? wilsonInterval(values.filter((v) => v === 1).length, values.length, confidence)
        : bootstrapMean(values, { confidence, iterations, seed });
    }
    const correct = sum(scored);
    const ok = answered - outcomes['call-failed'];
    latencies.sort((a, b) => a - b);
    return {
      ...info,
      answered,
      scored: scored.length,
      score,
      passFail,
      passes: passCount,
      parts,
      outcomes,
      reasoning: {
        withReasoning: reasoningLengths.length,
        meanChars: reasoningLengths.length ? sum(reasoningLengths) / reasoningLengths.length : null,
      },
      tokens: {
        input: inputTokens,
        output: outputTokens,
        reasoning: reasoningTokens,
        meanPerItem: ok > 0 ? (inputTokens + outputTokens) / ok : null,
      },
      costUsd: {
        total: cost,
        perItem: cost === null || ok === 0 ? null : cost / ok,
        perCorrect: cost === null || correct === 0 ? null : cost / correct,
        judging,
      },
      latencyMs: {
        mean: latencies.length ? sum(latencies) / latencies.length : null,
        p50: quantile(latencies, 0.5),
        p90: quantile(latencies, 0.9),
        perCorrect: correct === 0 ? null : sum(latencies) / correct,
      },
    };
  });

  const referenceSummary = candidates.find((c) => c.name === input.reference);
  const comparisons: EvalComparison[] = [];
  if (referenceSummary && input.scorer.mode === 'single') {
    const refScores = scoreVectors.get(input.reference)!;
    const refPasses = passVectors.get(input.reference)!;
    for (const candidate of candidates) {
      if (candidate.name === input.reference) continue;
      const own = scoreVectors.get(candidate.name)!;
      const ownPasses = passVectors.get(candidate.name)!;
      const a: number[] = [];
      const b: number[] = [];
      const pa: boolean[] = [];
      const pb: boolean[] = [];
      for (let i = 0; i < n; i++) {
        if (own[i] === null || refScores[i] === null) continue;
        a.push(own[i]!);
        b.push(refScores[i]!);
        if (ownPasses[i] !== null && refPasses[i] !== null) {
          pa.push(ownPasses[i]!);
          pb.push(refPasses[i]!);
        }
      }
      const binary = candidate.passFail && referenceSummary.passFail && pa.length === a.length;
      const differences = a.map((v, i) => v - b[i]!);
      let candidateOnly = 0;
      let referenceOnly = 0;
      for (let i = 0; i < pa.length; i++) {
        if (pa[i] && !pb[i]) candidateOnly++;
        if (!pa[i] && pb[i]) referenceOnly++;
      }
      const candidateCost = candidate.costUsd.perItem;
      const referenceCost = referenceSummary.costUsd.perItem;
      comparisons.push({
        candidate: candidate.name,
        reference: input.reference,
        n: a.length,
        difference: binary
          ? pairedProportionDifference(pa, pb, confidence)
          : bootstrapPairedDifference(a, b, { confidence, iterations, seed }),
        mcnemar: binary ? mcnemarExactTest(candidateOnly, referenceOnly) : null,
        winTieLoss: winTieLoss(a, b),
        retained: bootstrapPairedRatio(a, b, { confidence, iterations, seed }),
        minimumDetectableDifference: minimumDetectableDifference({
          n: a.length,
          sdOfDifferences: sampleStandardDeviation(differences),
        }),
        breakEvenCalls:
          candidate.trainingCostUsd !== null && candidateCost !== null && referenceCost !== null
            ? breakEvenCalls({
                trainingCost: candidate.trainingCostUsd,
                candidateCostPerCall: candidateCost,
                referenceCostPerCall: referenceCost,
              })
            : null,
      });
    }
  } else if (input.scorer.mode === 'pairwise') {
    for (const candidate of candidates) {
      if (candidate.name === input.reference) continue;
      const own = (scoreVectors.get(candidate.name) ?? []).filter((v): v is number => v !== null);
      const half = own.map(() => 0.5);
      comparisons.push({
        candidate: candidate.name,
        reference: input.reference,
        n: own.length,
        difference: bootstrapPairedDifference(own, half, { confidence, iterations, seed }),
        mcnemar: null,
        winTieLoss: winTieLoss(own, half),
        retained: { estimate: null, lower: null, upper: null, confidence, method: 'not-applicable' },
        minimumDetectableDifference: minimumDetectableDifference({
          n: own.length,
          sdOfDifferences: sampleStandardDeviation(own),
        }),
        breakEvenCalls: null,
      });
    }
  }

  const calibration: EvalCalibration[] = [];
  if (input.calibration) {
    const human: number[] = [];
    const machine: number[] = [];
    input.items.forEach((item, i) => {
      const score = input.calibration!.scores[i];
      if (item.humanRating == null || score == null) return;
      human.push(item.humanRating);
      machine.push(score);
    });
    if (human.length > 0) {
      const binary = machine.every((m) => m === 0 || m === 1);
      calibration.push({
        n: human.length,
        // Pass/fail against ratings of 4-5 (good) versus 1-3: agreement beyond chance.
        kappa: binary
          ? cohenKappa(
              machine.map((m) => m === 1),
              human.map((h) => h >= 4),
              confidence,
            )
          : null,
        tau: kendallTau(machine, human, confidence),
      });
    }
  }

  return {
    version: 1,
    evalId: input.evalId,
    taskId: input.taskId,
    createdAt: input.createdAt,
    items: { source: input.itemsSource, count: n },
    scorer: input.scorer,
    reference: input.reference,
    confidence,
    bootstrap: { iterations, seed },
    candidates,
    comparisons,
    calibration,
    run: input.run,
    perItem,
  };
}
