import type { FineTuneJobRequest, ModelLimits } from '@distillery/core';
import { type HyperparameterViolation, readTogetherHyperparameters } from './together-hyperparameters';
import { readTogetherModelLimits, type TogetherModelLimits } from './together-model-limits';

const LORA_ONLY = ['loraR', 'loraAlpha', 'loraDropout', 'loraTrainableModules'] as const;
const DPO_ONLY = [
  'dpoBeta',
  'rpoAlpha',
  'simpoGamma',
  'dpoNormalizeLogratiosByLength',
  'dpoReferenceFree',
] as const;

/**
 * Everything wrong with a job request for this model, per Together's published limits (empty
 * when it can run): method and training type, epochs, checkpoints, evaluations (which need a
 * validation file), batch size, learning rate, LoRA rank/dropout, warmup, sequence length,
 * suffix, and parameters that do not apply (LoRA settings on a full fine-tune, DPO settings on SFT).
 * Pure: `limits` is what `limits(model)` returned.
 */
export function validateHyperparameters(
  limits: ModelLimits | TogetherModelLimits,
  request: FineTuneJobRequest,
): HyperparameterViolation[] {
  const l: TogetherModelLimits = 'raw' in limits ? readTogetherModelLimits(limits.raw) : limits;
  const { values: h, violations } = readTogetherHyperparameters(request);
  const model = l.model_name ?? request.baseModel;
  const full = request.method === 'full';
  const dpo = request.trainingMethod === 'dpo';
  const add = (param: string, message: string) => violations.push({ param, message });
  const range = (
    param: string,
    value: number | undefined,
    min: number | undefined,
    max: number | undefined,
  ) => {
    if (value === undefined) return;
    if ((min !== undefined && value < min) || (max !== undefined && value > max))
      add(param, `${param} must be between ${min ?? '-∞'} and ${max ?? '∞'} for ${model}, got ${value}`);
  };

  if (full && l.supports_full_training === false)
    add('training_type', `${model} does not support full fine-tuning; use LoRA`);
  if (full)
    for (const key of LORA_ONLY)
      if (h[key] !== undefined) add(key, `${key} applies to LoRA only, and this job is a full fine-tune`);
  if (!dpo)
    for (const key of DPO_ONLY)
      if (h[key] !== undefined) add(key, `${key} applies to DPO only, and this job is SFT`);
  if (dpo && h.trainOnInputs !== undefined) add('train_on_inputs', 'train_on_inputs applies to SFT only');

  range('n_epochs', h.nEpochs, 1, l.max_num_epochs);
  range('n_checkpoints', h.nCheckpoints, 1, l.max_num_checkpoints);
  range('n_evals', h.nEvals, 0, l.max_num_evals);
  if ((h.nEvals ?? 0) > 0 && !request.validationFile) add('n_evals', 'n_evals > 0 needs a validation file');
  const batch = full ? l.full_training : l.lora_training;
  if (typeof h.batchSize === 'number')
    range(
      'batch_size',
      h.batchSize,
      batch?.min_batch_size,
      dpo ? batch?.max_batch_size_dpo : batch?.max_batch_size,
    );
  range('learning_rate', h.learningRate, l.min_learning_rate, l.max_learning_rate);
  if (h.learningRate !== undefined && h.learningRate <= 0)
    add('learning_rate', 'learning_rate must be positive');
  range('warmup_ratio', h.warmupRatio, 0, 1);
  if (!full) range('lora_r', h.loraR, 1, l.lora_training?.max_rank);
  if (h.loraAlpha !== undefined && h.loraAlpha <= 0) add('lora_alpha', 'lora_alpha must be positive');
  if (h.loraDropout !== undefined && (h.loraDropout < 0 || h.loraDropout >= 1))
    add('lora_dropout', `lora_dropout must be in [0, 1), got ${h.loraDropout}`);
  range(
    'max_seq_length',
    h.maxSeqLength,
    l.min_max_seq_length,
    dpo ? l.max_seq_length_dpo : l.max_seq_length_sft,
  );
  if (h.dpoBeta !== undefined && h.dpoBeta <= 0) add('dpo_beta', 'dpo_beta must be positive');
  range('min_lr_ratio', h.minLrRatio, 0, 1);
  if (request.suffix !== undefined && request.suffix.length > 64)
    add('suffix', 'suffix must be at most 64 characters');
  return violations;
}
