import type { TogetherModelLimits } from './together-model-limits';

/** The day this snapshot was compiled. */
export const TOGETHER_LIMITS_SNAPSHOT_DATE = '2026-12-02';

const TARGET_MODULES = ['q_proj', 'k_proj', 'v_proj', 'o_proj', 'gate_proj', 'up_proj', 'down_proj'];

function entry(
  model: string,
  seq: [sft: number, dpo: number],
  lora: [maxBatch: number, maxRank: number],
  fullBatch: number | null,
  reasoning = true,
): TogetherModelLimits {
  const [maxBatch, maxRank] = lora;
  return {
    model_name: model,
    max_seq_length_sft: seq[0],
    max_seq_length_dpo: seq[1],
    min_max_seq_length: 512,
    supports_full_training: fullBatch !== null,
    supports_reasoning: reasoning,
    lora_training: {
      max_rank: maxRank,
      max_batch_size: maxBatch,
      max_batch_size_dpo: maxBatch,
      min_batch_size: Math.min(8, maxBatch),
      target_modules: TARGET_MODULES,
    },
    ...(fullBatch !== null
      ? {
          full_training: {
            max_batch_size: fullBatch,
            max_batch_size_dpo: fullBatch,
            min_batch_size: Math.min(8, fullBatch),
          },
        }
      : {}),
    max_num_epochs: 20,
    max_num_evals: 100,
    max_num_checkpoints: 20,
    min_learning_rate: 1e-8,
    max_learning_rate: 0.01,
  };
}

/**
 * An offline copy of `GET /fine-tunes/models/limits` for the models Distillery's catalog trains,
 * so a dry run without a key reaches the verdict a live one would. Context and batch sizes come
 * from Together's published fine-tuning model table; the table does not give the rank, epoch,
 * evaluation, checkpoint and learning-rate bounds, which are the project's best reading of them.
 * With a key the live endpoint decides instead, and the plan says which one did.
 */
export const TOGETHER_LIMITS_SNAPSHOT: ReadonlyMap<string, TogetherModelLimits> = new Map(
  [
    entry('Qwen/Qwen3-0.6B', [32768, 40960], [64, 64], 64),
    entry('Qwen/Qwen3-1.7B', [32768, 40960], [32, 64], 32),
    entry('Qwen/Qwen3-4B', [32768, 40960], [16, 64], 16),
    entry('Qwen/Qwen3-8B', [32768, 40960], [8, 64], 8),
    entry('Qwen/Qwen3-14B', [32768, 40960], [8, 64], 8),
    entry('Qwen/Qwen3-32B', [24576, 24576], [8, 64], 16),
    entry('Qwen/Qwen3-30B-A3B', [8192, 32768], [16, 64], 8),
    entry('Qwen/Qwen3-235B-A22B', [32768, 24576], [1, 32], null),
    entry('Qwen/Qwen3-Next-80B-A3B-Thinking', [65536, 16384], [8, 64], null),
    entry('openai/gpt-oss-20b', [16384, 8192], [8, 64], null),
    entry('openai/gpt-oss-120b', [16384, 8192], [16, 64], null),
    entry('meta-llama/Meta-Llama-3.1-8B-Instruct-Reference', [131072, 65536], [32, 64], 32, false),
  ].map((l) => [l.model_name!, l]),
);
