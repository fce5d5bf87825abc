import type { ModelInfo } from '@distillery/core';
import {
  DEEPSEEK_MODELS,
  OLLAMA_MODELS,
  OPENAI_HIDDEN_REASONING_FAMILY,
  OPENAI_MODELS,
  OPENROUTER_MODELS,
  openWeightModels,
} from './openai-models';

/** How one OpenAI-compatible server is reached and which request dialect it speaks. */
export interface OpenAICompatiblePreset {
  /** Provider id users name in configs. */
  id: string;
  /** Human name used in error messages. */
  label: string;
  defaultBaseURL: string;
  apiKeyEnv: string;
  baseURLEnv: string;
  /** False for local servers that accept any key. */
  apiKeyRequired: boolean;
  /** Which body field carries the token limit. */
  maxTokensField: 'max_tokens' | 'max_completion_tokens';
  /** How `parameters.reasoningEffort` is sent. */
  effortStyle: 'reasoning_effort' | 'openrouter';
  /** How `parameters.thinking` is sent (`none`: not sent). */
  thinkingStyle: 'none' | 'deepseek' | 'chat-template' | 'openrouter';
  /** Models that reason invisibly unless the catalog says otherwise (OpenAI's o-series, gpt-5). */
  hiddenReasoningFamily?: RegExp;
  /** The server refuses `reasoning_effort` for models that do not reason (OpenAI): it is left out for them. */
  effortNeedsReasoning?: boolean;
  models: readonly ModelInfo[];
}

export const OPENAI_COMPATIBLE_PRESETS = {
  openai: {
    id: 'openai',
    label: 'OpenAI',
    defaultBaseURL: 'https://api.openai.com/v1',
    apiKeyEnv: 'OPENAI_API_KEY',
    baseURLEnv: 'OPENAI_BASE_URL',
    apiKeyRequired: true,
    maxTokensField: 'max_completion_tokens',
    effortStyle: 'reasoning_effort',
    thinkingStyle: 'none',
    hiddenReasoningFamily: OPENAI_HIDDEN_REASONING_FAMILY,
    effortNeedsReasoning: true,
    models: OPENAI_MODELS,
  },
  deepseek: {
    id: 'deepseek',
    label: 'DeepSeek',
    defaultBaseURL: 'https://api.deepseek.com',
    apiKeyEnv: 'DEEPSEEK_API_KEY',
    baseURLEnv: 'DEEPSEEK_BASE_URL',
    apiKeyRequired: true,
    maxTokensField: 'max_tokens',
    effortStyle: 'reasoning_effort',
    thinkingStyle: 'deepseek',
    models: DEEPSEEK_MODELS,
  },
  openrouter: {
    id: 'openrouter',
    label: 'OpenRouter',
    defaultBaseURL: 'https://openrouter.ai/api/v1',
    apiKeyEnv: 'OPENROUTER_API_KEY',
    baseURLEnv: 'OPENROUTER_BASE_URL',
    apiKeyRequired: true,
    maxTokensField: 'max_tokens',
    effortStyle: 'openrouter',
    thinkingStyle: 'openrouter',
    models: OPENROUTER_MODELS,
  },
  vllm: {
    id: 'vllm',
    label: 'vLLM',
    defaultBaseURL: 'http://localhost:8000/v1',
    apiKeyEnv: 'VLLM_API_KEY',
    baseURLEnv: 'VLLM_BASE_URL',
    apiKeyRequired: false,
    maxTokensField: 'max_tokens',
    effortStyle: 'reasoning_effort',
    thinkingStyle: 'chat-template',
    models: openWeightModels('vllm'),
  },
  sglang: {
    id: 'sglang',
    label: 'SGLang',
    defaultBaseURL: 'http://localhost:30000/v1',
    apiKeyEnv: 'SGLANG_API_KEY',
    baseURLEnv: 'SGLANG_BASE_URL',
    apiKeyRequired: false,
    maxTokensField: 'max_tokens',
    effortStyle: 'reasoning_effort',
    thinkingStyle: 'chat-template',
    models: openWeightModels('sglang'),
  },
  ollama: {
    id: 'ollama',
    label: 'Ollama',
    defaultBaseURL: 'http://localhost:11434/v1',
    apiKeyEnv: 'OLLAMA_API_KEY',
    baseURLEnv: 'OLLAMA_BASE_URL',
    apiKeyRequired: false,
    maxTokensField: 'max_tokens',
    effortStyle: 'reasoning_effort',
    thinkingStyle: 'none',
    models: OLLAMA_MODELS,
  },
  llamacpp: {
    id: 'llamacpp',
    label: 'llama.cpp',
    defaultBaseURL: 'http://localhost:8080/v1',
    apiKeyEnv: 'LLAMACPP_API_KEY',
    baseURLEnv: 'LLAMACPP_BASE_URL',
    apiKeyRequired: false,
    maxTokensField: 'max_tokens',
    effortStyle: 'reasoning_effort',
    thinkingStyle: 'chat-template',
    models: openWeightModels('llamacpp'),
  },
} as const satisfies Record<string, OpenAICompatiblePreset>;

export type OpenAICompatiblePresetId = keyof typeof OPENAI_COMPATIBLE_PRESETS;

export function isPresetId(id: string): id is OpenAICompatiblePresetId {
  return Object.hasOwn(OPENAI_COMPATIBLE_PRESETS, id);
}
