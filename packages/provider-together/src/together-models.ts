import type { ModelInfo } from '@distillery/core';

const EFFORT = ['low', 'medium', 'high'] as const;

/**
 * Together serverless chat models useful as teachers. Reasoning models return their thinking in
 * `message.reasoning` (`delta.reasoning` when streaming); deployed reasoning fine-tunes may use
 * `reasoning_content` instead, and both are read. Prices: Together's public list prices in US
 * dollars per million tokens at the time of writing; a config can override them.
 */
export const TOGETHER_MODELS: readonly ModelInfo[] = [
  {
    id: 'deepseek-ai/DeepSeek-R1',
    provider: 'together',
    reasoning: 'field',
    structuredOutput: ['json_schema', 'json_object'],
    pricing: { inputPerMillion: 3, outputPerMillion: 7 },
    contextWindow: 163_840,
  },
  {
    id: 'deepseek-ai/DeepSeek-V3.1',
    provider: 'together',
    reasoning: 'field',
    structuredOutput: ['json_schema', 'json_object', 'tool'],
    pricing: { inputPerMillion: 0.6, outputPerMillion: 1.7 },
    contextWindow: 131_072,
  },
  {
    id: 'Qwen/Qwen3-235B-A22B-Thinking-2507',
    provider: 'together',
    reasoning: 'field',
    structuredOutput: ['json_schema', 'json_object'],
    pricing: { inputPerMillion: 0.65, outputPerMillion: 3 },
    contextWindow: 262_144,
  },
  {
    id: 'Qwen/Qwen3-235B-A22B-Instruct-2507-tput',
    provider: 'together',
    reasoning: 'none',
    structuredOutput: ['json_schema', 'json_object', 'tool'],
    pricing: { inputPerMillion: 0.2, outputPerMillion: 0.6 },
    contextWindow: 262_144,
  },
  {
    id: 'Qwen/Qwen3-Next-80B-A3B-Thinking',
    provider: 'together',
    reasoning: 'field',
    structuredOutput: ['json_schema', 'json_object'],
    pricing: { inputPerMillion: 0.15, outputPerMillion: 1.5 },
    contextWindow: 262_144,
  },
  {
    id: 'openai/gpt-oss-120b',
    provider: 'together',
    reasoning: 'field',
    structuredOutput: ['json_schema', 'json_object', 'tool'],
    pricing: { inputPerMillion: 0.15, outputPerMillion: 0.6 },
    contextWindow: 131_072,
    reasoningEffort: EFFORT,
  },
  {
    id: 'openai/gpt-oss-20b',
    provider: 'together',
    reasoning: 'field',
    structuredOutput: ['json_schema', 'json_object', 'tool'],
    pricing: { inputPerMillion: 0.05, outputPerMillion: 0.2 },
    contextWindow: 131_072,
    reasoningEffort: EFFORT,
  },
  {
    id: 'moonshotai/Kimi-K2-Thinking',
    provider: 'together',
    reasoning: 'field',
    structuredOutput: ['json_schema', 'json_object', 'tool'],
    pricing: { inputPerMillion: 1.2, outputPerMillion: 4 },
    contextWindow: 262_144,
  },
  {
    id: 'zai-org/GLM-4.6',
    provider: 'together',
    reasoning: 'field',
    structuredOutput: ['json_schema', 'json_object', 'tool'],
    pricing: { inputPerMillion: 0.6, outputPerMillion: 2.2 },
    contextWindow: 202_752,
  },
  {
    id: 'meta-llama/Llama-3.3-70B-Instruct-Turbo',
    provider: 'together',
    reasoning: 'none',
    structuredOutput: ['json_schema', 'json_object', 'tool'],
    pricing: { inputPerMillion: 0.88, outputPerMillion: 0.88 },
    contextWindow: 131_072,
  },
];
