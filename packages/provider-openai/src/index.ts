import {
  createOpenAIProvider,
  type OpenAIProvider,
  type OpenAIProviderOptions,
} from './create-openai-provider';

export { buildChatBody, type ChatBodySettings } from './build-chat-body';
export {
  createOpenAIProvider,
  type OpenAIProvider,
  type OpenAIProviderOptions,
} from './create-openai-provider';
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

/** Default export for configs: `provider(options?)` gives the `openai` provider (or a preset by `id`). */
export default function provider(options?: OpenAIProviderOptions): OpenAIProvider {
  return createOpenAIProvider(options);
}
