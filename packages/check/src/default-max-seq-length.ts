import type { CheckBackend } from './process-batch';

/**
 * SFT context lengths for a few well-known models (Together's fine-tuning model table, late 2025,
 * and OpenAI's documented training context). A fallback only: prefer the backend's `limits(model)`
 * and pass `maxSeqLength` explicitly.
 */
const KNOWN: ReadonlyArray<[CheckBackend, RegExp, number]> = [
  ['together', /^Qwen\/Qwen3-(0\.6B|1\.7B|4B|8B|14B)(-Base)?$/i, 32768],
  ['together', /^Qwen\/Qwen3-32B$/i, 24576],
  ['together', /^Qwen\/Qwen3-30B-A3B(-Base)?$/i, 8192],
  ['together', /^Qwen\/Qwen3-235B-A22B/i, 32768],
  ['together', /^Qwen\/Qwen3-Next-80B-A3B-Thinking$/i, 65536],
  ['together', /^openai\/gpt-oss-(20b|120b)$/i, 16384],
  ['together', /^zai-org\/GLM-4\.[67]/i, 128000],
  ['together', /^deepseek-ai\/DeepSeek-R1-Distill-Qwen-14B$/i, 65536],
  ['together', /^deepseek-ai\/DeepSeek-R1(-0528)?$/i, 131072],
  ['openai', /^gpt-4o-mini/i, 65536],
  ['openai', /^gpt-4o/i, 65536],
  ['openai', /^gpt-4\.1/i, 65536],
  ['openai', /^gpt-3\.5-turbo/i, 16385],
];

/** The SFT context length of a known model, or undefined (then the size lint is skipped). */
export function defaultMaxSeqLength(backend: CheckBackend, model: string | undefined): number | undefined {
  if (!model) return undefined;
  return KNOWN.find(([b, pattern]) => b === backend && pattern.test(model))?.[2];
}
