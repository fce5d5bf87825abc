import type { FineTuneJobRequest } from '@distillery/core';
import type Together from 'together-ai';
import { readTogetherHyperparameters } from './together-hyperparameters';
import type { TogetherModelLimits } from './together-model-limits';

/** Together's default for `training_method.train_on_inputs`, which its API requires on every SFT job. */
export const DEFAULT_TRAIN_ON_INPUTS = 'auto';

/**
 * The `POST /fine-tunes` body (the `together-ai` SDK's `FineTuningCreateParams`) for a checked
 * request whose files are uploaded: `training_type` `{type:"Lora", lora_r, lora_alpha, …}` (both
 * required; rank defaults to the model's maximum, alpha to twice the rank, as Together's Python
 * SDK does) or `{type:"Full"}`; `training_method` `{method:"sft", train_on_inputs}` (required;
 * `auto` unless set) or `{method:"dpo", dpo_beta, …}`; every other hyperparameter under its API name.
 * Without a rank (no `loraR` and no limits) LoRA cannot be described, so this throws.
 */
export function buildTogetherFineTuneBody(
  request: FineTuneJobRequest,
  files: { trainingFile: string; validationFile?: string | undefined },
  limits: TogetherModelLimits | undefined,
): Together.FineTuningCreateParams {
  const { values: h } = readTogetherHyperparameters(request);
  const body: Together.FineTuningCreateParams = {
    model: request.baseModel,
    training_file: files.trainingFile,
    training_type: trainingType(request, h, limits),
    training_method: trainingMethod(request, h),
  };
  if (files.validationFile) body.validation_file = files.validationFile;
  if (h.nEpochs !== undefined) body.n_epochs = h.nEpochs;
  if (h.nCheckpoints !== undefined) body.n_checkpoints = h.nCheckpoints;
  if (h.nEvals !== undefined) body.n_evals = h.nEvals;
  if (h.batchSize !== undefined) body.batch_size = h.batchSize;
  if (h.learningRate !== undefined) body.learning_rate = h.learningRate;
  if (h.warmupRatio !== undefined) body.warmup_ratio = h.warmupRatio;
  if (h.maxGradNorm !== undefined) body.max_grad_norm = h.maxGradNorm;
  if (h.weightDecay !== undefined) body.weight_decay = h.weightDecay;
  if (h.maxSeqLength !== undefined) body.max_seq_length = h.maxSeqLength;
  if (h.packing !== undefined) body.packing = h.packing;
  if (h.randomSeed !== undefined) body.random_seed = h.randomSeed;
  if (h.wandbApiKey !== undefined) body.wandb_api_key = h.wandbApiKey;
  if (h.wandbBaseUrl !== undefined) body.wandb_base_url = h.wandbBaseUrl;
  if (h.wandbProjectName !== undefined) body.wandb_project_name = h.wandbProjectName;
  if (h.wandbName !== undefined) body.wandb_name = h.wandbName;
  if (h.wandbEntity !== undefined) body.wandb_entity = h.wandbEntity;
  if (h.fromCheckpoint !== undefined) body.from_checkpoint = h.fromCheckpoint;
  if (request.suffix !== undefined) body.suffix = request.suffix;
  if (h.lrScheduler !== undefined) {
    body.lr_scheduler =
      h.lrScheduler === 'cosine'
        ? {
            lr_scheduler_type: 'cosine',
            lr_scheduler_args: { min_lr_ratio: h.minLrRatio ?? 0, num_cycles: h.numCycles ?? 0.5 },
          }
        : {
            lr_scheduler_type: 'linear',
            lr_scheduler_args: h.minLrRatio !== undefined ? { min_lr_ratio: h.minLrRatio } : {},
          };
  }
  return body;
}

/** The `POST /fine-tunes/estimate-price` body: the create body's fields that the price depends on. */
export function buildTogetherEstimatePriceBody(
  create: Together.FineTuningCreateParams,
): Together.FineTuningEstimatePriceParams {
  return {
    model: create.model,
    training_file: create.training_file,
    ...(create.validation_file ? { validation_file: create.validation_file } : {}),
    ...(create.n_epochs !== undefined ? { n_epochs: create.n_epochs } : {}),
    ...(create.n_evals !== undefined ? { n_evals: create.n_evals } : {}),
    ...(create.training_type ? { training_type: create.training_type } : {}),
    ...(create.training_method ? { training_method: create.training_method } : {}),
  };
}

type Values = ReturnType<typeof readTogetherHyperparameters>['values'];

function trainingType(
  request: FineTuneJobRequest,
  h: Values,
  limits: TogetherModelLimits | undefined,
): Together.FineTuningCreateParams.FullTrainingType | Together.FineTuningCreateParams.LoRaTrainingType {
  if (request.method === 'full') return { type: 'Full' };
  const rank = h.loraR ?? limits?.lora_training?.max_rank;
  if (rank === undefined)
    throw new Error(
      `LoRA on ${request.baseModel} needs a rank: set hyperparameters.loraR, or pass the model's limits.`,
    );
  return {
    type: 'Lora',
    lora_r: rank,
    lora_alpha: h.loraAlpha ?? rank * 2,
    ...(h.loraDropout !== undefined ? { lora_dropout: h.loraDropout } : {}),
    ...(h.loraTrainableModules !== undefined ? { lora_trainable_modules: h.loraTrainableModules } : {}),
  };
}

function trainingMethod(
  request: FineTuneJobRequest,
  h: Values,
): Together.FineTuningCreateParams.TrainingMethodSft | Together.FineTuningCreateParams.TrainingMethodDpo {
  if (request.trainingMethod !== 'dpo')
    return { method: 'sft', train_on_inputs: h.trainOnInputs ?? DEFAULT_TRAIN_ON_INPUTS };
  return {
    method: 'dpo',
    ...(h.dpoBeta !== undefined ? { dpo_beta: h.dpoBeta } : {}),
    ...(h.rpoAlpha !== undefined ? { rpo_alpha: h.rpoAlpha } : {}),
    ...(h.simpoGamma !== undefined ? { simpo_gamma: h.simpoGamma } : {}),
    ...(h.dpoNormalizeLogratiosByLength !== undefined
      ? { dpo_normalize_logratios_by_length: h.dpoNormalizeLogratiosByLength }
      : {}),
    ...(h.dpoReferenceFree !== undefined ? { dpo_reference_free: h.dpoReferenceFree } : {}),
  };
}
