/** Together's `FinetuneModelLimits` (`GET /v1/fine-tunes/models/limits`). */
export interface TogetherModelLimits {
  model_name: string;
  max_seq_length_sft: number;
  max_seq_length_dpo: number;
  min_max_seq_length: number;
  supports_full_training: boolean;
  supports_reasoning: boolean;
  supports_tools: boolean;
  supports_vision: boolean;
  merge_output_lora: boolean;
  lora_training: {
    max_rank: number;
    max_batch_size: number;
    max_batch_size_dpo: number;
    min_batch_size: number;
    target_modules: string[];
  };
  full_training?: { max_batch_size: number; max_batch_size_dpo: number; min_batch_size: number };
  max_num_epochs: number;
  max_num_evals: number;
  max_num_checkpoints: number;
  min_learning_rate: number;
  max_learning_rate: number;
  default_gradient_accumulation_steps: number;
}

const TARGET_MODULES = ['q_proj', 'k_proj', 'v_proj', 'o_proj', 'gate_proj', 'up_proj', 'down_proj'];

function limits(
  model: string,
  seq: [sft: number, dpo: number],
  lora: [maxBatch: number, maxRank: number],
  full: number | null,
  flags: { reasoning?: boolean; vision?: boolean } = {},
): TogetherModelLimits {
  const [maxBatch, maxRank] = lora;
  return {
    model_name: model,
    max_seq_length_sft: seq[0],
    max_seq_length_dpo: seq[1],
    min_max_seq_length: 512,
    supports_full_training: full !== null,
    supports_reasoning: flags.reasoning ?? true,
    supports_tools: true,
    supports_vision: flags.vision ?? false,
    merge_output_lora: true,
    lora_training: {
      max_rank: maxRank,
      max_batch_size: maxBatch,
      max_batch_size_dpo: maxBatch,
      min_batch_size: Math.min(8, maxBatch),
      target_modules: TARGET_MODULES,
    },
    ...(full !== null
      ? {
          full_training: {
            max_batch_size: full,
            max_batch_size_dpo: full,
            min_batch_size: Math.min(8, full),
          },
        }
      : {
          full_training: { max_batch_size: 0, max_batch_size_dpo: 0, min_batch_size: 0 },
        }),
    max_num_epochs: 20,
    max_num_evals: 100,
    max_num_checkpoints: 20,
    min_learning_rate: 1e-8,
    max_learning_rate: 0.01,
    default_gradient_accumulation_steps: 1,
  };
}

/**
 * Built-in fine-tuning limits: the Qwen3 family (context and batch sizes from Together's model table, see
 * reference/provider-apis.md §6), gpt-oss and one `-Reference` model (trainable, not deployable).
 */
export function defaultTogetherModelLimits(): Map<string, TogetherModelLimits> {
  const list = [
    limits('Qwen/Qwen3-0.6B', [32768, 40960], [64, 64], 64),
    limits('Qwen/Qwen3-1.7B', [32768, 40960], [32, 64], 32),
    limits('Qwen/Qwen3-4B', [32768, 40960], [16, 64], 16),
    limits('Qwen/Qwen3-8B', [32768, 40960], [8, 64], 8),
    limits('Qwen/Qwen3-14B', [32768, 40960], [8, 64], 8),
    limits('Qwen/Qwen3-32B', [24576, 24576], [8, 64], 16),
    limits('Qwen/Qwen3-30B-A3B', [8192, 32768], [16, 64], 8),
    limits('Qwen/Qwen3-235B-A22B', [32768, 24576], [1, 32], null),
    limits('openai/gpt-oss-20b', [16384, 8192], [8, 64], null),
    limits('meta-llama/Meta-Llama-3.1-8B-Instruct-Reference', [131072, 65536], [32, 64], 32, {
      reasoning: false,
    }),
  ];
  return new Map(list.map((l) => [l.model_name, l]));
}
