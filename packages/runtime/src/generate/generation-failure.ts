import { z } from 'zod';

/** Record kind of an input whose generation failed after the provider's retries. */
export const GENERATION_FAILURE_KIND = 'generation-failure';

/**
 * One failed input, keyed by its generation dedupe key: what was sent, why it failed and how
 * often. Deleted when the input is later generated (`--retry-failed`).
 */
export const GenerationFailureSchema = z.object({
  key: z.string(),
  jobId: z.string(),
  taskId: z.string(),
  runConfig: z.string(),
  input: z.string(),
  reason: z.string(),
  /** The provider error kind (`rate-limit`, `server`, ...) or the error name. */
  kind: z.string(),
  status: z.number().int().optional(),
  /** HTTP attempts of the last failed try (the first request plus the provider's retries). */
  attempts: z.number().int().nonnegative(),
  /** How many generation runs have failed on this input. */
  failures: z.number().int().positive(),
  firstFailedAt: z.string(),
  lastFailedAt: z.string(),
});
export type GenerationFailure = z.infer<typeof GenerationFailureSchema>;
