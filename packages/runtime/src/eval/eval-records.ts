import { createHash } from 'node:crypto';
import type { JudgeCallV1, PairwiseResultV1, ScoreResultV1, ScoreV1 } from '@distillery/core';
import { UsageSchema } from '@distillery/core';
import { z } from 'zod';
import { stableJson } from '../store/stable-json';

/** Store record kinds of evals: one answer per (candidate fingerprint, input), one score per (scorer, answer). */
export const EVAL_ANSWER_KIND = 'eval-answer';
export const EVAL_SCORE_KIND = 'eval-score';
export const EVAL_RUN_KIND = 'eval';
/** The whole report of an eval's latest run, as `--json` prints it; what the web's Evals page reads. */
export const EVAL_REPORT_KIND = 'eval-report';

/** A candidate's answer to one input, stored the moment it arrives; shared by every eval of that candidate. */
export const EvalAnswerSchema = z.object({
  key: z.string(),
  fingerprint: z.string(),
  provider: z.string(),
  model: z.string(),
  input: z.string(),
  status: z.enum(['ok', 'failed']),
  content: z.string(),
  structured: z.unknown().optional(),
  reasoning: z.string().nullable(),
  reasoningTruncated: z.boolean(),
  finishReason: z.enum(['stop', 'length', 'content-filter', 'tool-calls', 'error', 'other']),
  usage: UsageSchema,
  costUsd: z.number().nullable(),
  latencyMs: z.number(),
  /** Why the call failed (after the provider's retries), for status `failed`. */
  error: z.object({ kind: z.string(), message: z.string() }).optional(),
  createdAt: z.string(),
});
export type EvalAnswer = z.infer<typeof EvalAnswerSchema>;

/** The scorer contract's values (`ScoreV1`, `ScoreResultV1`, `PairwiseResultV1`) as stored, checked on read. */
export const ScoreV1Schema: z.ZodType<ScoreV1> = z.discriminatedUnion('type', [
  z.object({ type: z.literal('pass-fail'), pass: z.boolean() }),
  z.object({ type: z.literal('number'), value: z.number(), min: z.number(), max: z.number() }),
]);

const JudgeCallV1Schema: z.ZodType<JudgeCallV1> = z.object({
  provider: z.string(),
  model: z.string(),
  reasoning: z.string().nullable(),
  usage: UsageSchema,
  costUsd: z.number().nullable(),
});

export const ScoreResultV1Schema: z.ZodType<ScoreResultV1> = z.object({
  score: ScoreV1Schema.nullable(),
  skipped: z.string().optional(),
  extracted: z.string().nullable().optional(),
  parts: z.record(z.string(), ScoreV1Schema).optional(),
  judge: z.array(JudgeCallV1Schema).optional(),
});

const verdict = z.enum(['a', 'b', 'tie']);
export const PairwiseResultV1Schema: z.ZodType<PairwiseResultV1> = z.object({
  winner: verdict,
  orders: z.object({ abFirst: verdict, baFirst: verdict }).optional(),
  judge: z.array(JudgeCallV1Schema).optional(),
});

export const EvalScoreSchema = z.object({
  key: z.string(),
  scorer: z.string(),
  answerKey: z.string(),
  /** A single scorer's result, or a pairwise verdict against the reference's answer. */
  result: z.union([PairwiseResultV1Schema, ScoreResultV1Schema]),
  costUsd: z.number().nullable(),
  createdAt: z.string(),
});
export type EvalScore = z.infer<typeof EvalScoreSchema>;

function hash(value: unknown): string {
  return createHash('sha256').update(stableJson(value)).digest('hex').slice(0, 40);
}

/** The answer key: the same candidate (fingerprint) on the same input is the same answer. */
export function evalAnswerKey(fingerprint: string, input: string): string {
  return `ans_${hash({ fingerprint, input })}`;
}

/** The score key: the same scorer and options on the same answer and reference is the same score. */
export function evalScoreKey(
  scorer: { id: string; options: unknown },
  answerKey: string,
  reference: unknown,
  against?: string,
): string {
  return `scr_${hash({ scorer: scorer.id, options: scorer.options, answerKey, reference, against })}`;
}

/** A candidate's headline in the eval's record, so a list of evals needs no report. */
export const EvalCandidateHeadlineSchema = z.object({
  name: z.string(),
  /** Mean score on 0..1 (null when nothing was scored). */
  score: z.number().nullable(),
  scored: z.number(),
});

/**
 * The record of one eval (its id is the hash of task, items, candidates and scorer): written
 * `running` before the first call and updated when a run ends, with a headline per candidate.
 */
export const EvalRunRecordSchema = z.object({
  id: z.string(),
  taskId: z.string(),
  /** How the items were chosen: `{type: 'split', dataset, split}` or `{type: 'file', file}`. */
  items: z.union([
    z.object({ type: z.literal('split'), dataset: z.string(), split: z.string() }),
    z.object({ type: z.literal('file'), file: z.string() }),
  ]),
  reference: z.string(),
  scorer: z.object({ id: z.string(), options: z.record(z.string(), z.unknown()) }),
  status: z.enum(['running', 'complete', 'stopped']),
  stopReason: z.enum(['done', 'budget', 'interrupted', 'too-many-failures']).optional(),
  /** `dataset/split` or the file, and the number of items (set when a run ends). */
  itemsLabel: z.string().optional(),
  itemCount: z.number().optional(),
  candidates: z.array(z.unknown()),
  headlines: z.array(EvalCandidateHeadlineSchema).optional(),
  createdAt: z.string(),
  updatedAt: z.string().optional(),
});
export type EvalRunRecord = z.infer<typeof EvalRunRecordSchema>;
