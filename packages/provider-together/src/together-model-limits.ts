import type { ModelLimits } from '@distillery/core';
import { isRecord } from '@distillery/provider-kit';

/** `GET /fine-tunes/models/limits?model_name=` as Together sends it (the fields read here). */
export interface TogetherModelLimits {
  model_name?: string;
  max_seq_length_sft?: number;
  max_seq_length_dpo?: number;
  min_max_seq_length?: number;
  supports_full_training?: boolean;
  supports_reasoning?: boolean;
  lora_training?: TogetherBatchLimits & { max_rank?: number; target_modules?: string[] };
  full_training?: TogetherBatchLimits;
  max_num_epochs?: number;
  max_num_evals?: number;
  max_num_checkpoints?: number;
  min_learning_rate?: number;
  max_learning_rate?: number;
}

export interface TogetherBatchLimits {
  max_batch_size?: number;
  max_batch_size_dpo?: number;
  min_batch_size?: number;
}

/** Core's ModelLimits view; `raw` keeps Together's object for `validateHyperparameters`. */
export function toModelLimits(raw: TogetherModelLimits): ModelLimits & { raw: TogetherModelLimits } {
  return {
    ...(raw.max_seq_length_sft !== undefined ? { maxSeqLength: raw.max_seq_length_sft } : {}),
    ...(raw.supports_full_training !== undefined ? { supportsFullTraining: raw.supports_full_training } : {}),
    ...(raw.supports_reasoning !== undefined ? { supportsReasoning: raw.supports_reasoning } : {}),
    raw,
  };
}

const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);
const bool = (v: unknown): boolean | undefined => (typeof v === 'boolean' ? v : undefined);

function readBatchLimits(
  v: unknown,
): (TogetherBatchLimits & { max_rank?: number; target_modules?: string[] }) | undefined {
  if (!isRecord(v)) return undefined;
  const modules = Array.isArray(v.target_modules)
    ? v.target_modules.filter((m): m is string => typeof m === 'string')
    : undefined;
  return pick({
    max_batch_size: num(v.max_batch_size),
    max_batch_size_dpo: num(v.max_batch_size_dpo),
    min_batch_size: num(v.min_batch_size),
    max_rank: num(v.max_rank),
    target_modules: modules,
  });
}

function pick<T extends object>(fields: T): T {
  return Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)) as T;
}

/**
 * Together's limits object from a `ModelLimits.raw` (typed `unknown` in core), read field by
 * field: a field of the wrong type is left out, as if Together had not sent it.
 */
export function readTogetherModelLimits(raw: unknown): TogetherModelLimits {
  if (!isRecord(raw)) return {};
  const lora = readBatchLimits(raw.lora_training);
  const full = readBatchLimits(raw.full_training);
  return pick({
    model_name: typeof raw.model_name === 'string' ? raw.model_name : undefined,
    max_seq_length_sft: num(raw.max_seq_length_sft),
    max_seq_length_dpo: num(raw.max_seq_length_dpo),
    min_max_seq_length: num(raw.min_max_seq_length),
    supports_full_training: bool(raw.supports_full_training),
    supports_reasoning: bool(raw.supports_reasoning),
    lora_training: lora,
    full_training: full,
    max_num_epochs: num(raw.max_num_epochs),
    max_num_evals: num(raw.max_num_evals),
    max_num_checkpoints: num(raw.max_num_checkpoints),
    min_learning_rate: num(raw.min_learning_rate),
    max_learning_rate: num(raw.max_learning_rate),
  });
}
