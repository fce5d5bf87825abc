import type { ModelInfo } from '@distillery/core';

const ALL_MODES = ['json_schema', 'json_object', 'tool'] as const;
const O_SERIES_EFFORT = ['low', 'medium', 'high'] as const;
const GPT5_EFFORT = ['minimal', 'low', 'medium', 'high'] as const;

/**
 * OpenAI's own models on api.openai.com. Reasoning models hide their thinking over Chat
 * Completions (`hidden`): only `usage.completion_tokens_details.reasoning_tokens` shows it.
 * Prices: public list prices in US dollars per million tokens (standard tier); a config can override.
 */
export const OPENAI_MODELS: readonly ModelInfo[] = [
  {
    id: 'gpt-5',
    provider: 'openai',
    reasoning: 'hidden',
    structuredOutput: ALL_MODES,
    pricing: { inputPerMillion: 1.25, outputPerMillion: 10 },
    contextWindow: 400_000,
    reasoningEffort: GPT5_EFFORT,
  },
  {
    id: 'gpt-5-mini',
    provider: 'openai',
    reasoning: 'hidden',
    structuredOutput: ALL_MODES,
    pricing: { inputPerMillion: 0.25, outputPerMillion: 2 },
    contextWindow: 400_000,
    reasoningEffort: GPT5_EFFORT,
  },
  {
    id: 'gpt-5-nano',
    provider: 'openai',
    reasoning: 'hidden',
    structuredOutput: ALL_MODES,
    pricing: { inputPerMillion: 0.05, outputPerMillion: 0.4 },
    contextWindow: 400_000,
    reasoningEffort: GPT5_EFFORT,
  },
  {
    id: 'o3',
    provider: 'openai',
    reasoning: 'hidden',
    structuredOutput: ALL_MODES,
    pricing: { inputPerMillion: 2, outputPerMillion: 8 },
    contextWindow: 200_000,
    reasoningEffort: O_SERIES_EFFORT,
  },
  {
    id: 'o3-mini',
    provider: 'openai',
    reasoning: 'hidden',
    structuredOutput: ALL_MODES,
    pricing: { inputPerMillion: 1.1, outputPerMillion: 4.4 },
    contextWindow: 200_000,
    reasoningEffort: O_SERIES_EFFORT,
  },
  {
    id: 'o4-mini',
    provider: 'openai',
    reasoning: 'hidden',
    structuredOutput: ALL_MODES,
    pricing: { inputPerMillion: 1.1, outputPerMillion: 4.4 },
    contextWindow: 200_000,
    reasoningEffort: O_SERIES_EFFORT,
  },
  {
    id: 'o1',
    provider: 'openai',
    reasoning: 'hidden',
    structuredOutput: ALL_MODES,
    pricing: { inputPerMillion: 15, outputPerMillion: 60 },
    contextWindow: 200_000,
    reasoningEffort: O_SERIES_EFFORT,
  },
  {
    id: 'gpt-4.1',
    provider: 'openai',
    reasoning: 'none',
    structuredOutput: ALL_MODES,
    pricing: { inputPerMillion: 2, outputPerMillion: 8 },
    contextWindow: 1_047_576,
  },
  {
    id: 'gpt-4.1-mini',
    provider: 'openai',
    reasoning: 'none',
    structuredOutput: ALL_MODES,
    pricing: { inputPerMillion: 0.4, outputPerMillion: 1.6 },
    contextWindow: 1_047_576,
  },
  {
    id: 'gpt-4o',
    provider: 'openai',
    reasoning: 'none',
    structuredOutput: ALL_MODES,
    pricing: { inputPerMillion: 2.5, outputPerMillion: 10 },
    contextWindow: 128_000,
  },
  {
    id: 'gpt-4o-mini',
    provider: 'openai',
    reasoning: 'none',
    structuredOutput: ALL_MODES,
    pricing: { inputPerMillion: 0.15, outputPerMillion: 0.6 },
    contextWindow: 128_000,
  },
];

/**
 * OpenAI reasoning families not (yet) in the catalog: `o1`, `o3`, `o4`, `gpt-5*` snapshots and point
 * releases, and fine-tunes of them (`ft:o4-mini-…:org::id`); not `gpt-5*-chat`, which does not reason.
 */
export const OPENAI_HIDDEN_REASONING_FAMILY = /^(ft:)?(o1|o3|o4|gpt-5(?!(\.\d+)?-chat))([-.:]|$)/i;

/**
 * DeepSeek's own API (api.deepseek.com): `deepseek-reasoner` returns `reasoning_content`.
 * Prices are the cache-miss list prices.
 */
export const DEEPSEEK_MODELS: readonly ModelInfo[] = [
  {
    id: 'deepseek-reasoner',
    provider: 'deepseek',
    reasoning: 'field',
    structuredOutput: ['json_object'],
    pricing: { inputPerMillion: 0.28, outputPerMillion: 0.42 },
    contextWindow: 128_000,
  },
  {
    id: 'deepseek-chat',
    provider: 'deepseek',
    reasoning: 'none',
    structuredOutput: ['json_object', 'tool'],
    pricing: { inputPerMillion: 0.28, outputPerMillion: 0.42 },
    contextWindow: 128_000,
  },
];

/**
 * Open-weight reasoning models as self-hosted servers (vLLM, SGLang, llama.cpp) usually serve them.
 * Without a server-side reasoning parser the thinking stays inline in the text (`inline`, split by
 * `parser`); when the server does split it, the field is read and the exposure reported is `field`.
 */
export function openWeightModels(provider: string): ModelInfo[] {
  const inline = (id: string, parser: string, contextWindow?: number): ModelInfo => ({
    id,
    provider,
    reasoning: 'inline',
    parser,
    structuredOutput: ['json_schema', 'json_object'],
    ...(contextWindow ? { contextWindow } : {}),
  });
  return [
    inline('deepseek-ai/DeepSeek-R1', 'deepseek-r1', 163_840),
    inline('deepseek-ai/DeepSeek-R1-0528', 'deepseek-r1', 163_840),
    inline('deepseek-ai/DeepSeek-R1-Distill-Qwen-1.5B', 'deepseek-r1', 131_072),
    inline('deepseek-ai/DeepSeek-R1-Distill-Qwen-7B', 'deepseek-r1', 131_072),
    inline('deepseek-ai/DeepSeek-R1-Distill-Qwen-14B', 'deepseek-r1', 131_072),
    inline('deepseek-ai/DeepSeek-R1-Distill-Qwen-32B', 'deepseek-r1', 131_072),
    inline('deepseek-ai/DeepSeek-R1-Distill-Llama-8B', 'deepseek-r1', 131_072),
    inline('deepseek-ai/DeepSeek-R1-Distill-Llama-70B', 'deepseek-r1', 131_072),
    inline('Qwen/QwQ-32B', 'deepseek-r1', 131_072),
    inline('Qwen/Qwen3-0.6B', 'qwen3', 32_768),
    inline('Qwen/Qwen3-1.7B', 'qwen3', 32_768),
    inline('Qwen/Qwen3-4B', 'qwen3', 32_768),
    inline('Qwen/Qwen3-8B', 'qwen3', 32_768),
    inline('Qwen/Qwen3-14B', 'qwen3', 32_768),
    inline('Qwen/Qwen3-32B', 'qwen3', 32_768),
    inline('Qwen/Qwen3-30B-A3B', 'qwen3', 32_768),
    inline('Qwen/Qwen3-235B-A22B', 'qwen3', 32_768),
    inline('Qwen/Qwen3-30B-A3B-Thinking-2507', 'deepseek-r1', 262_144),
    inline('Qwen/Qwen3-235B-A22B-Thinking-2507', 'deepseek-r1', 262_144),
    // gpt-oss speaks Harmony; vLLM, SGLang and Ollama always split its analysis channel into a field.
    {
      id: 'openai/gpt-oss-20b',
      provider,
      reasoning: 'field',
      structuredOutput: ['json_schema', 'json_object', 'tool'],
      contextWindow: 131_072,
      reasoningEffort: ['low', 'medium', 'high'],
    },
    {
      id: 'openai/gpt-oss-120b',
      provider,
      reasoning: 'field',
      structuredOutput: ['json_schema', 'json_object', 'tool'],
      contextWindow: 131_072,
      reasoningEffort: ['low', 'medium', 'high'],
    },
  ];
}

/** Ollama tags (`deepseek-r1:8b` finds `deepseek-r1`): Ollama splits thinking into `reasoning`. */
export const OLLAMA_MODELS: readonly ModelInfo[] = [
  'deepseek-r1',
  'qwen3',
  'qwq',
  'gpt-oss',
  'magistral',
].map(
  (id): ModelInfo => ({
    id,
    provider: 'ollama',
    reasoning: 'field',
    structuredOutput: ['json_schema', 'json_object'],
  }),
);

/** A few reasoning models as OpenRouter names them; OpenRouter returns `reasoning` and `reasoning_details`. */
export const OPENROUTER_MODELS: readonly ModelInfo[] = [
  {
    id: 'deepseek/deepseek-r1',
    provider: 'openrouter',
    reasoning: 'field',
    structuredOutput: ['json_object'],
  },
  {
    id: 'deepseek/deepseek-r1-0528',
    provider: 'openrouter',
    reasoning: 'field',
    structuredOutput: ['json_object'],
  },
  {
    id: 'qwen/qwen3-235b-a22b-thinking-2507',
    provider: 'openrouter',
    reasoning: 'field',
    structuredOutput: ['json_schema', 'json_object'],
  },
  {
    id: 'openai/gpt-oss-120b',
    provider: 'openrouter',
    reasoning: 'field',
    structuredOutput: ['json_schema', 'json_object', 'tool'],
  },
  {
    id: 'anthropic/claude-sonnet-4.5',
    provider: 'openrouter',
    reasoning: 'summary',
    structuredOutput: ['json_schema', 'tool'],
  },
  {
    id: 'openai/o3',
    provider: 'openrouter',
    reasoning: 'summary',
    structuredOutput: ['json_schema', 'json_object', 'tool'],
  },
];
