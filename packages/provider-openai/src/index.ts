import {
  createOpenAIFineTuneBackend,
  type OpenAIFineTuneBackend,
  type OpenAIFineTuneBackendOptions,
} from './create-openai-fine-tune-backend';
import {
  createOpenAIProvider,
  type OpenAIProvider,
  type OpenAIProviderOptions,
} from './create-openai-provider';

export { buildChatBody, type ChatBodySettings } from './build-chat-body';
export { createOpenAIBatch, type OpenAIBatchDeps, type OpenAIBatchInputLine } from './create-openai-batch';
export {
  createOpenAIFineTuneBackend,
  type OpenAIChecker,
  type OpenAICheckpoint,
  type OpenAIFineTuneBackend,
  type OpenAIFineTuneBackendOptions,
  type UploadedOpenAIFile,
} from './create-openai-fine-tune-backend';
export {
  createOpenAIProvider,
  type OpenAIProvider,
  type OpenAIProviderOptions,
} from './create-openai-provider';
export { normalizeOpenAIStatus, OPENAI_STATUS_MAP } from './openai-fine-tune-status';
export {
  buildOpenAIFineTuneBody,
  type OpenAIHyperparameters,
  readOpenAIHyperparameters,
} from './openai-hyperparameters';
export {
  DEEPSEEK_MODELS,
  OLLAMA_MODELS,
  OPENAI_HIDDEN_REASONING_FAMILY,
  OPENAI_MODELS,
  OPENROUTER_MODELS,
  openWeightModels,
} from './openai-models';
export {
  isPresetId,
  OPENAI_COMPATIBLE_PRESETS,
  type OpenAICompatiblePreset,
  type OpenAICompatiblePresetId,
} from './openai-presets';

type PresetOptions = Omit<OpenAIProviderOptions, 'preset'>;

/** DeepSeek's API (`DEEPSEEK_API_KEY`, `DEEPSEEK_BASE_URL`). */
export const createDeepSeekProvider = (options: PresetOptions = {}): OpenAIProvider =>
  createOpenAIProvider({ ...options, preset: 'deepseek' });
/** A vLLM server (`VLLM_BASE_URL`, default http://localhost:8000/v1). */
export const createVllmProvider = (options: PresetOptions = {}): OpenAIProvider =>
  createOpenAIProvider({ ...options, preset: 'vllm' });
/** An SGLang server (`SGLANG_BASE_URL`, default http://localhost:30000/v1). */
export const createSglangProvider = (options: PresetOptions = {}): OpenAIProvider =>
  createOpenAIProvider({ ...options, preset: 'sglang' });
/** Ollama (`OLLAMA_BASE_URL`, default http://localhost:11434/v1). */
export const createOllamaProvider = (options: PresetOptions = {}): OpenAIProvider =>
  createOpenAIProvider({ ...options, preset: 'ollama' });
/** llama.cpp's server (`LLAMACPP_BASE_URL`, default http://localhost:8080/v1). */
export const createLlamaCppProvider = (options: PresetOptions = {}): OpenAIProvider =>
  createOpenAIProvider({ ...options, preset: 'llamacpp' });
/** OpenRouter (`OPENROUTER_API_KEY`, `OPENROUTER_BASE_URL`). */
export const createOpenRouterProvider = (options: PresetOptions = {}): OpenAIProvider =>
  createOpenAIProvider({ ...options, preset: 'openrouter' });

export { toOpenAIEvent } from './to-openai-event';

export type OpenAIOptions = OpenAIProviderOptions & OpenAIFineTuneBackendOptions;

/**
 * Default export for configs: `provider(options?)` gives the `openai` model provider (or a preset
 * by `id`) and, for OpenAI itself, the `openai` fine-tune backend built from the same options.
 * OpenAI-compatible presets (DeepSeek, vLLM, ...) have no fine-tuning API, so only the provider.
 */
export default function provider(
  options: OpenAIOptions = {},
): readonly [OpenAIProvider, OpenAIFineTuneBackend] | readonly [OpenAIProvider] {
  const chat = createOpenAIProvider(options);
  return chat.preset.id === 'openai' ? [chat, createOpenAIFineTuneBackend(options)] : [chat];
}
