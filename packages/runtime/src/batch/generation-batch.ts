import { z } from 'zod';

/** Record kind of one provider batch a generation submitted (or is about to submit). */
export const GENERATION_BATCH_KIND = 'generation-batch';

export const BatchStatusSchema = z.enum([
  'validating',
  'running',
  'finalizing',
  'cancelling',
  'completed',
  'expired',
  'cancelled',
  'failed',
]);

/**
 * One provider batch, recorded before it is submitted:
 * - `submitting`: the request ids are recorded, the provider may or may not have the batch
 *   (after a crash the next run looks for it: `remoteId`, else the provider's `find`);
 * - `submitted`: the provider accepted it under `remoteId`;
 * - `ingested`: it ended and every request has a `generation-batch-result`;
 * - `abandoned`: it never reached the provider (its requests are free to be sent again).
 */
export const GenerationBatchSchema = z.object({
  id: z.string(),
  taskId: z.string(),
  /** The generation it works for (null for `--retry-failed`, which spans generations). */
  jobId: z.string().nullable(),
  runConfig: z.string(),
  provider: z.string(),
  model: z.string(),
  /** Which call of the flow (0 first); the chain-of-thought flow's second call is round 1. */
  round: z.number().int().nonnegative(),
  /** `[customId, sample dedupe key]` of every request, in submission order. */
  requests: z.array(z.tuple([z.string(), z.string()])),
  state: z.enum(['submitting', 'submitted', 'ingested', 'abandoned']),
  submittedAt: z.string(),
  /** The provider's id of the uploaded input file, once stored. */
  inputId: z.string().optional(),
  remoteId: z.string().optional(),
  status: BatchStatusSchema.optional(),
  rawStatus: z.string().optional(),
  counts: z.object({ total: z.number().nullable(), succeeded: z.number(), failed: z.number() }).optional(),
  progress: z.number().optional(),
  createdAt: z.string().optional(),
  expiresAt: z.string().optional(),
  endedAt: z.string().optional(),
  errors: z.array(z.string()).optional(),
  /** What the requests were estimated to cost at the batch price before submission (null: unknown). */
  estimatedCostUsd: z.number().nullable(),
  /** Its prompt tokens as estimated before submission (what providers count against an enqueued-token quota). */
  estimatedInputTokens: z.number().int().nonnegative().optional(),
  /** What the results cost (null: price unknown), once ingested. */
  costUsd: z.number().nullable().optional(),
});
export type GenerationBatch = z.infer<typeof GenerationBatchSchema>;

/** Record kind of one request's outcome, keyed by its custom id. */
export const GENERATION_BATCH_RESULT_KIND = 'generation-batch-result';

export const GenerationBatchResultSchema = z.discriminatedUnion('state', [
  z.object({
    state: z.literal('succeeded'),
    customId: z.string(),
    key: z.string(),
    batchId: z.string(),
    /** The provider's answer as downloaded (read again with the request when the flow replays). */
    body: z.unknown(),
  }),
  z.object({
    state: z.literal('failed'),
    customId: z.string(),
    key: z.string(),
    batchId: z.string(),
    /** `errored` (the provider answered with an error), `expired`, `cancelled`, or `missing`. */
    type: z.enum(['errored', 'expired', 'cancelled', 'missing']),
    reason: z.string(),
    code: z.string().optional(),
    status: z.number().optional(),
    /** The run that recorded it; a later `--retry-failed` run sends the request again. */
    runId: z.string(),
  }),
]);
export type GenerationBatchResult = z.infer<typeof GenerationBatchResultSchema>;

export function isOpenBatch(batch: GenerationBatch): boolean {
  return batch.state === 'submitting' || batch.state === 'submitted';
}
