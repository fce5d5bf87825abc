import { z } from 'zod';
import { PromptSchema } from './prompt';
import { ReasoningLayoutSchema, TrainingStrategySchema } from './training-strategy';

export const FineTuneStatusSchema = z.enum([
  'pending',
  'queued',
  'running',
  'uploading',
  'completed',
  'failed',
  'cancelled',
]);
export type FineTuneStatus = z.infer<typeof FineTuneStatusSchema>;

export const TERMINAL_FINE_TUNE_STATUSES: readonly FineTuneStatus[] = ['completed', 'failed', 'cancelled'];

export const FineTuneMethodSchema = z.enum(['lora', 'full']);
export type FineTuneMethod = z.infer<typeof FineTuneMethodSchema>;

export const FineTuneEventSchema = z.object({
  at: z.string(),
  message: z.string(),
  type: z.string().optional(),
  level: z.enum(['info', 'warning', 'error']).default('info'),
  step: z.number().int().optional(),
  totalSteps: z.number().int().optional(),
  loss: z.number().optional(),
  raw: z.unknown().optional(),
});
export type FineTuneEvent = z.infer<typeof FineTuneEventSchema>;

/** A fine-tune as Distillery remembers it, including how to call the result. */
export const FineTuneRecordSchema = z.object({
  id: z.string().min(1),
  backend: z.string().min(1),
  /** The model provider that calls the result (the backend's `provider`); older records lack it. */
  provider: z.string().min(1).optional(),
  baseModel: z.string().min(1),
  datasetId: z.string().min(1),
  splits: z.object({ train: z.string(), validation: z.string().optional() }),
  strategy: TrainingStrategySchema,
  layout: ReasoningLayoutSchema.optional(),
  method: FineTuneMethodSchema,
  hyperparameters: z.record(z.string(), z.unknown()),
  /** The frozen prompt, call flow and parser the model was trained with. */
  prompt: PromptSchema,
  flow: z.string(),
  parser: z.string().optional(),
  files: z.object({ train: z.string().optional(), validation: z.string().optional() }).default({}),
  jobId: z.string().optional(),
  status: FineTuneStatusSchema,
  rawStatus: z.string().optional(),
  statusHistory: z.array(
    z.object({ status: FineTuneStatusSchema, rawStatus: z.string().optional(), at: z.string() }),
  ),
  events: z.array(FineTuneEventSchema).default([]),
  resultModel: z.string().optional(),
  /** Why it failed or was cancelled (the provider's reason, or the local step that failed before the job existed). */
  error: z.string().optional(),
  /** Files a failed train uploaded and could not delete: still stored (and billed) at the provider. */
  leftoverFiles: z.array(z.string()).optional(),
  endpoint: z.object({ id: z.string(), name: z.string(), hardware: z.string().optional() }).optional(),
  createdAt: z.string(),
});
export type FineTuneRecord = z.infer<typeof FineTuneRecordSchema>;
