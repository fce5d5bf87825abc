import type { FineTuneJobRequest } from '@distillery/core';
import {
  apiParam,
  readTogetherHyperparameters,
  type TogetherHyperparameters,
} from './together-hyperparameters';
import type { TogetherModelLimits } from './together-model-limits';

type Body = Record<string, unknown>;

const TOP_LEVEL = [
  'nEpochs',
  'nCheckpoints',
  'nEvals',
  'batchSize',
  'learningRate',
  'warmupRatio',
  'maxGradNorm',
  'weightDecay',
  'maxSeqLength',
  'packing',
  'randomSeed',
  'wandbApiKey',
  'wandbBaseUrl',
  'wandbProjectName',
  'wandbName',
  'wandbEntity',
  'fromCheckpoint',
] as const satisfies readonly (keyof TogetherHyperparameters)[];

/**
 * The `POST /fine-tunes` body for a checked request whose files are uploaded: `training_type`
 * `{type:"Lora", lora_r, lora_alpha, …}` (rank defaults to the model's maximum, alpha to twice
 * the rank, as Together's Python SDK does) or `{type:"Full"}`; `training_method` `{method:"sft"}`
 * or `{method:"dpo", dpo_beta, …}`; every other hyperparameter under its API name.
 */
export function buildTogetherFineTuneBody(
  request: FineTuneJobRequest,
  files: { trainingFile: string; validationFile?: string | undefined },
  limits: TogetherModelLimits | undefined,
): Body {
  const { values: h } = readTogetherHyperparameters(request);
  const body: Body = { model: request.baseModel, training_file: files.trainingFile };
  if (files.validationFile) body.validation_file = files.validationFile;
  for (const key of TOP_LEVEL) if (h[key] !== undefined) body[apiParam(key)] = h[key];
  if (request.suffix !== undefined) body.suffix = request.suffix;
  if (h.lrScheduler !== undefined) {
    const args: Body = {};
    if (h.minLrRatio !== undefined) args.min_lr_ratio = h.minLrRatio;
    if (h.numCycles !== undefined) args.num_cycles = h.numCycles;
    body.lr_scheduler = { lr_scheduler_type: h.lrScheduler, lr_scheduler_args: args };
  }
  if (request.method === 'full') {
    body.training_type = { type: 'Full' };
  } else {
    const rank = h.loraR ?? limits?.lora_training?.max_rank;
    body.training_type = {
      type: 'Lora',
      ...(rank !== undefined ? { lora_r: rank } : {}),
      ...(h.loraAlpha !== undefined
        ? { lora_alpha: h.loraAlpha }
        : rank !== undefined
          ? { lora_alpha: rank * 2 }
          : {}),
      ...(h.loraDropout !== undefined ? { lora_dropout: h.loraDropout } : {}),
      ...(h.loraTrainableModules !== undefined ? { lora_trainable_modules: h.loraTrainableModules } : {}),
    };
  }
  if (request.trainingMethod === 'dpo') {
    body.training_method = {
      method: 'dpo',
      ...(h.dpoBeta !== undefined ? { dpo_beta: h.dpoBeta } : {}),
      ...(h.rpoAlpha !== undefined ? { rpo_alpha: h.rpoAlpha } : {}),
      ...(h.simpoGamma !== undefined ? { simpo_gamma: h.simpoGamma } : {}),
      ...(h.dpoNormalizeLogratiosByLength !== undefined
        ? { dpo_normalize_logratios_by_length: h.dpoNormalizeLogratiosByLength }
        : {}),
      ...(h.dpoReferenceFree !== undefined ? { dpo_reference_free: h.dpoReferenceFree } : {}),
    };
  } else {
    body.training_method = {
      method: 'sft',
      ...(h.trainOnInputs !== undefined ? { train_on_inputs: h.trainOnInputs } : {}),
    };
  }
  return body;
}
