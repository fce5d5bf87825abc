import { z } from 'zod';

export const FewShotExampleSchema = z.object({
  input: z.string(),
  reasoning: z.string().optional(),
  output: z.string(),
});
export type FewShotExample = z.infer<typeof FewShotExampleSchema>;

/**
 * What a model is called with: a system text and, separately, a thinking instruction. A fine-tune
 * freezes its prompt so the student is called exactly as it was trained.
 */
export const PromptSchema = z.object({
  system: z.string(),
  thinkingInstruction: z.string().optional(),
  examples: z.array(FewShotExampleSchema).optional(),
});
export type Prompt = z.infer<typeof PromptSchema>;

export const DEFAULT_THINKING_INSTRUCTION = 'Think step by step, explaining your reasoning.';
export const COT_FINAL_ANSWER_PROMPT = 'Considering the above, return a final result.';
