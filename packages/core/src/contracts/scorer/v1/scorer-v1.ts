import type { ChatMessage } from '../../../schema/message';
import type { ModelParameters } from '../../../schema/run-config';
import type { Usage } from '../../../schema/usage';
import type { FinishReason } from '../../model-provider';
import type { PluginBase } from '../../plugin-base';

/** One frozen eval item: what every candidate answers, and what scorers compare against. */
export interface ScoreItemV1 {
  /** Stable id of the item within its eval (e.g. the sample id it came from). */
  id: string;
  /** The task input, as the candidates received it. */
  input: string;
  /** The reference answer, or null when the item has none (judges can still score). */
  reference: { content: string; structured?: unknown; reasoning?: string | null } | null;
  /** A person's 1-5 rating of the reference, for judge calibration; null when unrated. */
  humanRating?: number | null;
}

/** What a candidate answered an item. */
export interface CandidateOutputV1 {
  content: string;
  /** The parsed value, when the task has an output schema. */
  structured?: unknown;
  reasoning: string | null;
  /** The output ended inside the reasoning. */
  reasoningTruncated: boolean;
  finishReason: FinishReason;
  usage: Usage;
}

/** A score: pass/fail, or a number inside a declared range (1-5 ratings, 0-1 similarities). */
export type ScoreV1 =
  | { type: 'pass-fail'; pass: boolean }
  | { type: 'number'; value: number; min: number; max: number };

/** A model call a judge made: kept with the score so judges can be audited and paid for. */
export interface JudgeCallV1 {
  provider: string;
  model: string;
  /** The judge's own explanation (its reasoning and/or written rationale). */
  reasoning: string | null;
  usage: Usage;
  /** US dollars, or null when the judge model's price is unknown. */
  costUsd: number | null;
}

export interface ScoreResultV1 {
  /** The score, or null when the scorer could not score this output (`skipped` says why). */
  score: ScoreV1 | null;
  /** Why there is no score, e.g. `no reference`, `no number in the answer`. */
  skipped?: string;
  /** What the scorer read out of the output (the extracted number, the judge's verdict), for reports. */
  extracted?: string | null;
  /**
   * Named sub-scores reported beside the main one: `strict` and `flexible` extraction for
   * `numeric`, one per field for `json-match`.
   */
  parts?: Record<string, ScoreV1>;
  /** The judge's calls, for judges. */
  judge?: JudgeCallV1[];
}

/** A pairwise verdict: which of two outputs is better, judged blind. */
export interface PairwiseResultV1 {
  /** `a` or `b` won, or a tie (including the two orders disagreeing). */
  winner: 'a' | 'b' | 'tie';
  /** The verdict per presentation order, when judged both ways. */
  orders?: { abFirst: 'a' | 'b' | 'tie'; baFirst: 'a' | 'b' | 'tie' };
  judge?: JudgeCallV1[];
}

/** A chat call the runtime makes for a judge, through the project's providers and rate limits. */
export interface ModelCallV1 {
  /** The provider entry name in the project's config. */
  provider: string;
  model: string;
  messages: ChatMessage[];
  parameters?: ModelParameters;
  /** Ask for the top log-probabilities of each output token, where the provider offers them. */
  logprobs?: number;
}

export interface ModelCallResultV1 {
  content: string;
  reasoning: string | null;
  usage: Usage;
  costUsd: number | null;
  /**
   * Top log-probabilities of the output tokens, when requested and the provider returned them:
   * one entry per output token, each a list of alternatives.
   */
  logprobs?: { token: string; top: { token: string; logprob: number }[] }[];
}

export interface ScorerContextV1 {
  /** The options the eval gives this scorer (from the config or the command line). */
  options: Readonly<Record<string, unknown>>;
  /** Makes a model call; present when the eval can call models (judges need it). */
  callModel?: (call: ModelCallV1) => Promise<ModelCallResultV1>;
  signal?: AbortSignal;
}

interface ScorerBaseV1 extends PluginBase<'scorer'> {
  /** Whether the scorer calls a model (a judge): evals then count its calls and cost. */
  readonly usesModel?: boolean;
  /** The options it accepts, for help output: name -> one line. */
  readonly optionsHelp?: Readonly<Record<string, string>>;
  /** Throws a clear error for options it cannot use, before any call is made. */
  checkOptions?(options: Readonly<Record<string, unknown>>): void;
}

/** Scores one candidate output of one item. Must be deterministic unless it calls a model. */
export interface SingleScorerV1 extends ScorerBaseV1 {
  readonly mode: 'single';
  score(item: ScoreItemV1, output: CandidateOutputV1, context: ScorerContextV1): Promise<ScoreResultV1>;
}

/** Compares two candidate outputs of the same item (`a` the candidate, `b` the reference). */
export interface PairwiseScorerV1 extends ScorerBaseV1 {
  readonly mode: 'pairwise';
  compare(
    item: ScoreItemV1,
    a: CandidateOutputV1,
    b: CandidateOutputV1,
    context: ScorerContextV1,
  ): Promise<PairwiseResultV1>;
}

/** A scorer plugin (kind `scorer`, contract v1). */
export type ScorerV1 = SingleScorerV1 | PairwiseScorerV1;

/** The numeric value of a score on 0..1: pass is 1, fail 0, a number is placed in its range. */
export function normalizedScoreV1(score: ScoreV1): number {
  if (score.type === 'pass-fail') return score.pass ? 1 : 0;
  return score.max === score.min ? 0 : (score.value - score.min) / (score.max - score.min);
}
