import type { StructuredOutputMode } from '../schema/run-config';

/**
 * How a model exposes its reasoning:
 * - `field`: full text in a response field (`reasoning_content`, `reasoning`, thinking blocks);
 * - `inline`: inside the text, split out by `parser`;
 * - `summary`: only a summary of the thinking is returned (Anthropic, OpenAI Responses);
 * - `hidden`: the model reasons but returns none of it (OpenAI o-series over Chat Completions);
 * - `none`: the model does not reason natively (use the chain-of-thought flow).
 */
export type ReasoningExposure = 'field' | 'inline' | 'summary' | 'hidden' | 'none';

export interface ModelPricing {
  /** US dollars per million input tokens. */
  inputPerMillion: number;
  /** US dollars per million output tokens (reasoning tokens are billed as output). */
  outputPerMillion: number;
}

export interface ModelInfo {
  id: string;
  provider: string;
  reasoning: ReasoningExposure;
  /** Parser id for `inline` reasoning. */
  parser?: string;
  structuredOutput: readonly StructuredOutputMode[];
  pricing?: ModelPricing;
  contextWindow?: number;
  /** Reasoning effort values the API accepts for this model. */
  reasoningEffort?: readonly string[];
}

export function costUsd(
  pricing: ModelPricing | undefined,
  usage: { inputTokens: number; outputTokens: number },
): number | null {
  if (!pricing) return null;
  return (
    (usage.inputTokens * pricing.inputPerMillion + usage.outputTokens * pricing.outputPerMillion) / 1_000_000
  );
}

const SNAPSHOT_SUFFIX = /-(\d{4}-\d{2}-\d{2}|\d{8}|\d{4})$/;

/**
 * Looks a model id up in a catalog: exact id (case-insensitive), then without a dated snapshot
 * suffix (`o3-2025-04-16` -> `o3`), then without an Ollama-style tag (`qwen3:8b` -> `qwen3`).
 */
export function findModel<M extends ModelInfo>(models: readonly M[], id: string): M | undefined {
  const lower = id.toLowerCase();
  const exact = models.find((m) => m.id.toLowerCase() === lower);
  if (exact) return exact;
  const undated = lower.replace(SNAPSHOT_SUFFIX, '');
  if (undated !== lower) {
    const found = models.find((m) => m.id.toLowerCase() === undated);
    if (found) return found;
  }
  const colon = lower.indexOf(':');
  if (colon > 0) {
    const base = lower.slice(0, colon);
    return models.find((m) => m.id.toLowerCase() === base);
  }
  return undefined;
}
