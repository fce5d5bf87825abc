import { z } from 'zod';
import { ChatMessageSchema } from './message';
import { RunConfigSchema } from './run-config';
import { UsageSchema } from './usage';

/** Where a sample's reasoning came from. */
export const ReasoningOriginSchema = z.enum(['model-field', 'parsed-tags', 'cot-turn', 'human', 'import']);
export type ReasoningOrigin = z.infer<typeof ReasoningOriginSchema>;

export const SampleReasoningSchema = z.object({
  text: z.string(),
  origin: ReasoningOriginSchema,
  /** The model stopped before it finished thinking. */
  truncated: z.boolean().default(false),
  /** Opaque provider data (signatures, redacted blocks) kept so the trace can be replayed. */
  metadata: z.unknown().optional(),
});
export type SampleReasoning = z.infer<typeof SampleReasoningSchema>;

export const SampleSourceSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('synthetic'), runConfig: RunConfigSchema }),
  z.object({ type: z.literal('human'), author: z.string().optional() }),
  z.object({
    type: z.literal('import'),
    file: z.string(),
    line: z.number().int().positive().optional(),
    format: z.string(),
  }),
]);
export type SampleSource = z.infer<typeof SampleSourceSchema>;

export const SampleOutputSchema = z.object({
  content: z.string(),
  /** The parsed structured value when the task has an output schema. */
  structured: z.unknown().optional(),
});

/** A preference pair: the rejected output for DPO-style datasets. */
export const RejectedOutputSchema = z.object({
  content: z.string(),
  reasoning: z.string().optional(),
});

export const SampleSchema = z.object({
  id: z.string().min(1),
  taskId: z.string().min(1),
  input: z.string(),
  output: SampleOutputSchema,
  reasoning: SampleReasoningSchema.nullable(),
  /** Earlier turns for multi-turn samples; the output is the last assistant turn. */
  trace: z.array(ChatMessageSchema).default([]),
  /**
   * Every message of the call that generated the sample, as sent and received (a chain-of-thought
   * flow's two calls make six), for reading it back. Training uses `trace`, never this.
   */
  callTrace: z.array(ChatMessageSchema).optional(),
  rejected: RejectedOutputSchema.optional(),
  source: SampleSourceSchema,
  tags: z.array(z.string()).default([]),
  /** 1 to 5 stars, or null when unrated. */
  rating: z.number().int().min(1).max(5).nullable().default(null),
  usage: UsageSchema.optional(),
  costUsd: z.number().nonnegative().nullable().optional(),
  latencyMs: z.number().nonnegative().optional(),
  finishReason: z.string().optional(),
  createdAt: z.string(),
});
export type Sample = z.infer<typeof SampleSchema>;
export type SampleInput = z.input<typeof SampleSchema>;
