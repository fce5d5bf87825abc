import type { MockFileStore } from './mock-file-store';
import type { TogetherModelLimits } from './together-model-limits';

/** A `POST /v1/fine-tunes` body after validation, with Together's defaults filled in. */
export interface TogetherFineTuneParams {
  model: string;
  training_file: string;
  validation_file?: string;
  n_epochs: number;
  n_checkpoints: number;
  n_evals: number;
  batch_size: number;
  learning_rate: number;
  lr_scheduler: { lr_scheduler_type: 'linear' | 'cosine'; lr_scheduler_args: Record<string, number> };
  warmup_ratio: number;
  max_grad_norm: number;
  weight_decay: number;
  max_seq_length: number;
  packing: boolean;
  random_seed: number | null;
  suffix?: string;
  training_type: Record<string, unknown> & { type: 'Lora' | 'Full' };
  training_method: Record<string, unknown> & { method: 'sft' | 'dpo' };
  wandb_project_name?: string;
  wandb_name?: string;
  wandb_api_key?: string;
  from_checkpoint?: string;
}

export interface FineTuneValidationError {
  message: string;
  param: string;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isInt(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value);
}

function isNum(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

/**
 * Validates a Together fine-tune request against the model's limits; the first problem found is returned as
 * `{message, param}` (the route answers 400 in Together's error shape).
 */
export function validateTogetherFineTune(
  body: Record<string, unknown>,
  limitsOf: (model: string) => TogetherModelLimits | undefined,
  files: MockFileStore,
): TogetherFineTuneParams | FineTuneValidationError {
  const err = (param: string, message: string): FineTuneValidationError => ({ param, message });
  const range = (param: string, value: number, min: number, max: number): FineTuneValidationError =>
    err(param, `${param} must be between ${min} and ${max}, got ${value}`);

  if (typeof body.model !== 'string' || body.model === '') return err('model', 'model is required');
  if (typeof body.training_file !== 'string' || body.training_file === '')
    return err('training_file', 'training_file is required');
  const limits = limitsOf(body.model);
  if (!limits)
    return err(
      'model',
      `The model ${body.model} is not available for fine-tuning. See GET /v1/fine-tunes/models/supported.`,
    );
  for (const param of ['training_file', 'validation_file'] as const) {
    const id = body[param];
    if (param === 'validation_file' && (id === undefined || id === null || id === '')) continue;
    if (typeof id !== 'string') return err(param, `${param} must be a file id`);
    const file = files.get(id);
    if (!file) return err(param, `File ${id} not found. Upload it first (POST /v1/files).`);
    if (file.content === null) return err(param, `File ${id} has not finished uploading.`);
    if (file.validationReport && !file.validationReport.valid)
      return err(param, `File ${id} failed validation: ${file.validationReport.error ?? 'invalid format'}`);
  }

  // training_type: absent or null means LoRA with the model's maximum rank.
  let trainingType: TogetherFineTuneParams['training_type'];
  const tt = body.training_type;
  if (tt === undefined || tt === null) {
    const r = limits.lora_training.max_rank;
    trainingType = {
      type: 'Lora',
      lora_r: r,
      lora_alpha: r * 2,
      lora_dropout: 0,
      lora_trainable_modules: 'all-linear',
    };
  } else if (!isRecord(tt) || (tt.type !== 'Lora' && tt.type !== 'Full')) {
    return err('training_type.type', `training_type.type must be "Lora" or "Full"`);
  } else if (tt.type === 'Full') {
    if (!limits.supports_full_training)
      return err('training_type', `Full training is not supported for ${limits.model_name}; use LoRA.`);
    trainingType = { type: 'Full' };
  } else {
    // Both are required (spec LoRATrainingType, together-ai's FineTuningCreateParams.LoRaTrainingType).
    const r = tt.lora_r;
    if (r === undefined) return err('training_type.lora_r', 'training_type.lora_r: required');
    if (!isInt(r) || r < 1 || r > limits.lora_training.max_rank)
      return range('training_type.lora_r', r as number, 1, limits.lora_training.max_rank);
    const alpha = tt.lora_alpha;
    if (alpha === undefined) return err('training_type.lora_alpha', 'training_type.lora_alpha: required');
    if (!isInt(alpha) || alpha <= 0)
      return err('training_type.lora_alpha', 'lora_alpha must be a positive integer');
    const dropout = tt.lora_dropout ?? 0;
    if (!isNum(dropout) || dropout < 0 || dropout >= 1)
      return err('training_type.lora_dropout', `lora_dropout must be in [0, 1), got ${String(dropout)}`);
    const modules = tt.lora_trainable_modules ?? 'all-linear';
    if (typeof modules !== 'string') return err('training_type.lora_trainable_modules', 'must be a string');
    trainingType = {
      type: 'Lora',
      lora_r: r,
      lora_alpha: alpha,
      lora_dropout: dropout,
      lora_trainable_modules: modules,
    };
  }
  const full = trainingType.type === 'Full';

  // training_method: absent means SFT; the deprecated top-level train_on_inputs still applies.
  let trainingMethod: TogetherFineTuneParams['training_method'];
  const tm = body.training_method;
  if (tm === undefined || tm === null) {
    trainingMethod = { method: 'sft', train_on_inputs: body.train_on_inputs ?? 'auto' };
  } else if (!isRecord(tm) || (tm.method !== 'sft' && tm.method !== 'dpo')) {
    return err('training_method.method', 'training_method.method must be "sft" or "dpo"');
  } else if (tm.method === 'sft') {
    // Required (spec TrainingMethodSFT, together-ai's FineTuningCreateParams.TrainingMethodSft).
    const toi = tm.train_on_inputs;
    if (toi === undefined)
      return err('training_method.train_on_inputs', 'training_method.train_on_inputs: required');
    if (toi !== 'auto' && typeof toi !== 'boolean')
      return err('training_method.train_on_inputs', 'train_on_inputs must be true, false or "auto"');
    trainingMethod = { method: 'sft', train_on_inputs: toi };
  } else {
    const beta = tm.dpo_beta ?? 0.1;
    if (!isNum(beta) || beta <= 0)
      return err('training_method.dpo_beta', 'dpo_beta must be a positive number');
    for (const key of ['rpo_alpha', 'simpo_gamma'] as const) {
      if (tm[key] !== undefined && (!isNum(tm[key]) || (tm[key] as number) < 0))
        return err(`training_method.${key}`, `${key} must be a number ≥ 0`);
    }
    for (const key of ['dpo_normalize_logratios_by_length', 'dpo_reference_free'] as const) {
      if (tm[key] !== undefined && typeof tm[key] !== 'boolean')
        return err(`training_method.${key}`, `${key} must be a boolean`);
    }
    trainingMethod = { ...tm, method: 'dpo', dpo_beta: beta };
  }
  const dpo = trainingMethod.method === 'dpo';

  const nEpochs = body.n_epochs ?? 1;
  if (!isInt(nEpochs) || nEpochs < 1 || nEpochs > limits.max_num_epochs)
    return range('n_epochs', nEpochs as number, 1, limits.max_num_epochs);
  const nCheckpoints = body.n_checkpoints ?? 1;
  if (!isInt(nCheckpoints) || nCheckpoints < 1 || nCheckpoints > limits.max_num_checkpoints)
    return range('n_checkpoints', nCheckpoints as number, 1, limits.max_num_checkpoints);
  const nEvals = body.n_evals ?? 0;
  if (!isInt(nEvals) || nEvals < 0 || nEvals > limits.max_num_evals)
    return range('n_evals', nEvals as number, 0, limits.max_num_evals);
  if (nEvals > 0 && !body.validation_file) return err('n_evals', 'n_evals > 0 requires a validation_file');

  const batchLimits = full ? limits.full_training! : limits.lora_training;
  const maxBatch = dpo ? batchLimits.max_batch_size_dpo : batchLimits.max_batch_size;
  const batch = body.batch_size ?? 'max';
  let batchSize: number;
  if (batch === 'max') batchSize = maxBatch;
  else if (!isInt(batch) || batch < batchLimits.min_batch_size || batch > maxBatch)
    return range('batch_size', batch as number, batchLimits.min_batch_size, maxBatch);
  else batchSize = batch;

  const lr = body.learning_rate ?? 1e-5;
  if (!isNum(lr) || lr < limits.min_learning_rate || lr > limits.max_learning_rate)
    return range('learning_rate', lr as number, limits.min_learning_rate, limits.max_learning_rate);
  const warmup = body.warmup_ratio ?? 0;
  if (!isNum(warmup) || warmup < 0 || warmup > 1) return range('warmup_ratio', warmup as number, 0, 1);
  const maxGradNorm = body.max_grad_norm ?? 1;
  if (!isNum(maxGradNorm) || maxGradNorm < 0)
    return err('max_grad_norm', 'max_grad_norm must be ≥ 0 (0 disables)');
  const weightDecay = body.weight_decay ?? 0;
  if (!isNum(weightDecay) || weightDecay < 0) return err('weight_decay', 'weight_decay must be ≥ 0');
  const maxSeqCap = dpo ? limits.max_seq_length_dpo : limits.max_seq_length_sft;
  const maxSeq = body.max_seq_length ?? maxSeqCap;
  if (!isInt(maxSeq) || maxSeq < limits.min_max_seq_length || maxSeq > maxSeqCap)
    return range('max_seq_length', maxSeq as number, limits.min_max_seq_length, maxSeqCap);
  if (body.suffix !== undefined && (typeof body.suffix !== 'string' || body.suffix.length > 64))
    return err('suffix', 'suffix must be a string of at most 64 characters');
  if (body.packing !== undefined && typeof body.packing !== 'boolean')
    return err('packing', 'packing must be a boolean');
  if (body.random_seed !== undefined && body.random_seed !== null && !isInt(body.random_seed))
    return err('random_seed', 'random_seed must be an integer');

  let lrScheduler: TogetherFineTuneParams['lr_scheduler'] = {
    lr_scheduler_type: 'linear',
    lr_scheduler_args: { min_lr_ratio: 0 },
  };
  const ls = body.lr_scheduler;
  if (ls !== undefined && ls !== null) {
    if (!isRecord(ls) || (ls.lr_scheduler_type !== 'linear' && ls.lr_scheduler_type !== 'cosine'))
      return err('lr_scheduler.lr_scheduler_type', 'lr_scheduler_type must be "linear" or "cosine"');
    const args = isRecord(ls.lr_scheduler_args) ? ls.lr_scheduler_args : {};
    const ratio = args.min_lr_ratio ?? 0;
    if (!isNum(ratio) || ratio < 0 || ratio > 1)
      return range('lr_scheduler.lr_scheduler_args.min_lr_ratio', ratio as number, 0, 1);
    const schedulerArgs: Record<string, number> = { min_lr_ratio: ratio };
    if (ls.lr_scheduler_type === 'cosine') {
      const cycles = args.num_cycles ?? 0.5;
      if (!isNum(cycles) || cycles <= 0)
        return err('lr_scheduler.lr_scheduler_args.num_cycles', 'num_cycles must be a positive number');
      schedulerArgs.num_cycles = cycles;
    }
    lrScheduler = { lr_scheduler_type: ls.lr_scheduler_type, lr_scheduler_args: schedulerArgs };
  }

  const optionalString = (key: string): Record<string, string> =>
    typeof body[key] === 'string' ? { [key]: body[key] as string } : {};
  return {
    model: body.model,
    training_file: body.training_file,
    ...optionalString('validation_file'),
    n_epochs: nEpochs,
    n_checkpoints: nCheckpoints,
    n_evals: nEvals,
    batch_size: batchSize,
    learning_rate: lr,
    lr_scheduler: lrScheduler,
    warmup_ratio: warmup,
    max_grad_norm: maxGradNorm,
    weight_decay: weightDecay,
    max_seq_length: maxSeq,
    packing: (body.packing as boolean | undefined) ?? true,
    random_seed: (body.random_seed as number | null | undefined) ?? null,
    ...optionalString('suffix'),
    training_type: trainingType,
    training_method: trainingMethod,
    ...optionalString('wandb_project_name'),
    ...optionalString('wandb_name'),
    ...optionalString('wandb_api_key'),
    ...optionalString('from_checkpoint'),
  };
}
