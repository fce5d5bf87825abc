import { z } from 'zod';

/** final-only: the student learns the answer. reasoning: it learns to think, then answer. */
export const TrainingStrategySchema = z.enum(['final-only', 'reasoning']);
export type TrainingStrategy = z.infer<typeof TrainingStrategySchema>;

/** How reasoning is written into training data, chosen by the target. */
export const ReasoningLayoutSchema = z.enum(['reasoning-field', 'think-tags', 'cot-messages']);
export type ReasoningLayout = z.infer<typeof ReasoningLayoutSchema>;
