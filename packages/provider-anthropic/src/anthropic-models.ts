import type { ModelInfo } from '@distillery/core';

/** A catalog entry with what the request builder needs to know about thinking. */
export interface AnthropicModelInfo extends ModelInfo {
  /** Supports `thinking: {type: 'adaptive'}` (and prefers it over a fixed budget). */
  adaptiveThinking?: boolean;
}

const MODES = ['json_schema', 'tool'] as const;
const EFFORT = ['low', 'medium', 'high'] as const;

/**
 * Claude models with extended thinking. Anthropic returns a summary of the thinking (`summary`),
 * and only when `display: 'summarized'` is sent. Prices: Anthropic's public list prices in US
 * dollars per million tokens (base input, output); a config can override them.
 */
export const ANTHROPIC_MODELS: readonly AnthropicModelInfo[] = [
  {
    id: 'claude-opus-4-6',
    provider: 'anthropic',
    reasoning: 'summary',
    structuredOutput: MODES,
    pricing: { inputPerMillion: 5, outputPerMillion: 25 },
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
    contextWindow: 200_000,
    reasoningEffort: EFFORT,
  },
  {
    id: 'claude-sonnet-4-5',
    provider: 'anthropic',
    reasoning: 'summary',
    structuredOutput: MODES,
    pricing: { inputPerMillion: 3, outputPerMillion: 15 },
    contextWindow: 200_000,
  },
  {
    id: 'claude-haiku-4-5',
    provider: 'anthropic',
    reasoning: 'summary',
    structuredOutput: MODES,
    pricing: { inputPerMillion: 1, outputPerMillion: 5 },
    contextWindow: 200_000,
  },
  {
    id: 'claude-opus-4-1',
    provider: 'anthropic',
    reasoning: 'summary',
    structuredOutput: MODES,
    pricing: { inputPerMillion: 15, outputPerMillion: 75 },
    contextWindow: 200_000,
  },
  {
    id: 'claude-sonnet-4-0',
    provider: 'anthropic',
    reasoning: 'summary',
    structuredOutput: ['tool'],
    pricing: { inputPerMillion: 3, outputPerMillion: 15 },
    contextWindow: 200_000,
  },
];
