import { z } from 'zod';
import { PromptSchema } from './prompt';

export const ReasoningEffortSchema = z.enum(['none', 'minimal', 'low', 'medium', 'high', 'xhigh', 'max']);
export type ReasoningEffort = z.infer<typeof ReasoningEffortSchema>;

export const StructuredOutputModeSchema = z.enum(['json_schema', 'json_object', 'tool']);
export type StructuredOutputMode = z.infer<typeof StructuredOutputModeSchema>;

export const ModelParametersSchema = z
  .object({
    temperature: z.number().min(0).max(2).optional(),
    topP: z.number().min(0).max(1).optional(),
    maxTokens: z.number().int().positive().optional(),
    reasoningEffort: ReasoningEffortSchema.optional(),
    /** Ask the model to think (Together `reasoning.enabled`, Anthropic extended thinking). */
    thinking: z.boolean().optional(),
    /** Anthropic thinking budget in tokens. */
    thinkingBudgetTokens: z.number().int().min(1024).optional(),
    structuredOutputMode: StructuredOutputModeSchema.optional(),
    seed: z.number().int().optional(),
  })
  .strict();
export type ModelParameters = z.infer<typeof ModelParametersSchema>;

export const CallFlowIdSchema = z.string().min(1);

/** How to produce a task output: which provider, model, call flow and parser, with which prompt. */
export const RunConfigSchema = z
  .object({
    name: z.string().min(1),
    provider: z.string().min(1),
    model: z.string().min(1),
    flow: CallFlowIdSchema.default('single'),
    parser: z.string().min(1).optional(),
    prompt: PromptSchema.optional(),
    parameters: ModelParametersSchema.default({}),
  })
  .strict();
export type RunConfig = z.infer<typeof RunConfigSchema>;
export type RunConfigInput = z.input<typeof RunConfigSchema>;
