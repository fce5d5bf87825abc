/**
 * Base models Together fine-tunes, offered first in pickers (Together's fine-tuning model list
 * has more; `limits` asks Together about any model).
 */
export const TOGETHER_FINE_TUNE_MODELS: readonly string[] = [
  'Qwen/Qwen3-8B',
  'Qwen/Qwen3-14B',
  'Qwen/Qwen3-32B',
  'meta-llama/Meta-Llama-3.1-8B-Instruct-Reference',
  'meta-llama/Llama-3.3-70B-Instruct-Reference',
];
