import type { ModelInfo, ModelPricing } from '@distillery/core/contracts';

/** A catalog entry with what the request builder needs to know about thinking. */
export interface AnthropicModelInfo extends ModelInfo {
  /** Supports `thinking: {type: 'adaptive'}` (and prefers it over a fixed budget). */
  adaptiveThinking?: boolean;
  /** The Message Batches price (USD per million tokens), where Anthropic lists one for the model. */
  batchPricing?: ModelPricing;
}

const MODES = ['json_schema', 'tool'] as const;
const EFFORT = ['low', 'medium', 'high'] as const;

/**
 * Claude models with extended thinking. Anthropic returns a summary of the thinking (`summary`),
 * and only when `display: 'summarized'` is sent. Prices: Anthropic's public list prices in US
 * dollars per million tokens (base input, output), and the Batch processing column of the same
 * table for `batchPricing`; a config can override them.
 */
export const ANTHROPIC_MODELS: readonly AnthropicModelInfo[] = [
  {
    id: 'claude-opus-4-6',
    provider: 'anthropic',
    reasoning: 'summary',
    structuredOutput: MODES,
    pricing: { inputPerMillion: 5, outputPerMillion: 25 },
    batchPricing: { inputPerMillion: 2.5, outputPerMillion: 12.5 },
    contextWindow: 200_000,
    reasoningEffort: ['low', 'medium', 'high', 'max'],
    adaptiveThinking: true,
  },
  {
    id: 'claude-sonnet-4-6',
    provider: 'anthropic',
    reasoning: 'summary',
    structuredOutput: MODES,
    pricing: { inputPerMillion: 3, outputPerMillion: 15 },
    batchPricing: { inputPerMillion: 1.5, outputPerMillion: 7.5 },
    contextWindow: 200_000,
    reasoningEffort: EFFORT,
    adaptiveThinking: true,
  },
  {
    id: 'claude-opus-4-5',
    provider: 'anthropic',
    reasoning: 'summary',
    structuredOutput: MODES,
    pricing: { inputPerMillion: 5, outputPerMillion: 25 },
    batchPricing: { inputPerMillion: 2.5, outputPerMillion: 12.5 },
    contextWindow: 200_000,
    reasoningEffort: EFFORT,
  },
  {
    id: 'claude-sonnet-4-5',
    provider: 'anthropic',
    reasoning: 'summary',
    structuredOutput: MODES,
    pricing: { inputPerMillion: 3, outputPerMillion: 15 },
    batchPricing: { inputPerMillion: 1.5, outputPerMillion: 7.5 },
    contextWindow: 200_000,
  },
  {
    id: 'claude-haiku-4-5',
    provider: 'anthropic',
    reasoning: 'summary',
    structuredOutput: MODES,
    pricing: { inputPerMillion: 1, outputPerMillion: 5 },
    batchPricing: { inputPerMillion: 0.5, outputPerMillion: 2.5 },
    contextWindow: 200_000,
  },
  {
    id: 'claude-opus-4-1',
    provider: 'anthropic',
    reasoning: 'summary',
    structuredOutput: MODES,
    pricing: { inputPerMillion: 15, outputPerMillion: 75 },
    batchPricing: { inputPerMillion: 7.5, outputPerMillion: 37.5 },
    contextWindow: 200_000,
  },
  {
    id: 'claude-sonnet-4-0',
    provider: 'anthropic',
    reasoning: 'summary',
    structuredOutput: ['tool'],
    pricing: { inputPerMillion: 3, outputPerMillion: 15 },
    batchPricing: { inputPerMillion: 1.5, outputPerMillion: 7.5 },
    contextWindow: 200_000,
  },
];
