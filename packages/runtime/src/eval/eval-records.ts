import { createHash } from 'node:crypto';
import { UsageSchema } from '@distillery/core';
import { z } from 'zod';
import { stableJson } from '../store/stable-json';

/** Store record kinds of evals: one answer per (candidate fingerprint, input), one score per (scorer, answer). */
export const EVAL_ANSWER_KIND = 'eval-answer';
export const EVAL_SCORE_KIND = 'eval-score';
export const EVAL_RUN_KIND = 'eval';

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

export const EvalScoreSchema = z.object({
  key: z.string(),
  scorer: z.string(),
  answerKey: z.string(),
  /** A single scorer's ScoreResultV1, or a pairwise verdict against the reference's answer. */
  result: z.record(z.string(), z.unknown()),
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
