import type { ModelLimits } from '@distillery/core';

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
