import type { FineTuneJobRequest } from '@distillery/core';
import type { HyperparameterViolation } from '@distillery/provider-kit';
import type OpenAI from 'openai';

type Auto = number | 'auto';

/**
 * What an OpenAI job takes in `FineTuneJobRequest.hyperparameters` (camelCase; the API's
 * snake_case names are accepted too). Each method hyperparameter is a number or `auto`.
 */
export interface OpenAIHyperparameters {
  /** 1–50. */
  nEpochs?: Auto;
  /** 1–256. */
  batchSize?: Auto;
  /** > 0. */
  learningRateMultiplier?: Auto;
  /** DPO only, in (0, 2]. */
  beta?: Auto;
  seed?: number;
  /** Weights & Biases integration. */
  wandbProject?: string;
  wandbName?: string;
  wandbEntity?: string;
}

const RANGES: Record<'nEpochs' | 'batchSize' | 'learningRateMultiplier' | 'beta', [number, number, boolean]> =
  {
    nEpochs: [1, 50, true],
    batchSize: [1, 256, true],
    learningRateMultiplier: [0, Number.POSITIVE_INFINITY, false],
    beta: [0, 2, false],
  };
const STRINGS = ['wandbProject', 'wandbName', 'wandbEntity'] as const;
const camel = (key: string) => key.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
const snake = (key: string) => key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/** The request's hyperparameters checked against OpenAI's documented ranges (no I/O). */
export function readOpenAIHyperparameters(
  request: Pick<FineTuneJobRequest, 'hyperparameters' | 'trainingMethod' | 'suffix'>,
): {
  values: OpenAIHyperparameters;
  violations: HyperparameterViolation[];
} {
  const values: Record<string, unknown> = {};
  const violations: HyperparameterViolation[] = [];
  const add = (param: string, message: string) => violations.push({ param, message });
  for (const [rawKey, value] of Object.entries(request.hyperparameters ?? {})) {
    if (value === undefined || value === null) continue;
    // OpenAI has no absolute learning rate: the generic `learningRate` is its multiplier.
    const key = camel(rawKey) === 'learningRate' ? 'learningRateMultiplier' : camel(rawKey);
    if (key in RANGES) {
      const [min, max, integer] = RANGES[key as keyof typeof RANGES];
      const param = snake(key);
      const ok =
        value === 'auto' ||
        (typeof value === 'number' &&
          Number.isFinite(value) &&
          (!integer || Number.isInteger(value)) &&
          (integer ? value >= min : value > min) &&
          value <= max);
      if (!ok)
        add(
          param,
          `${param} must be "auto" or ${integer ? 'an integer' : 'a number'} in ${integer ? `[${min}, ${max}]` : `(${min}, ${max === Number.POSITIVE_INFINITY ? '∞)' : `${max}]`}`}, got ${JSON.stringify(value)}`,
        );
      else values[key] = value;
    } else if (key === 'seed') {
      if (typeof value === 'number' && Number.isInteger(value)) values.seed = value;
      else add('seed', `seed must be an integer, got ${JSON.stringify(value)}`);
    } else if ((STRINGS as readonly string[]).includes(key)) {
      if (typeof value === 'string' && value) values[key] = value;
      else add(snake(key), `${snake(key)} must be a non-empty string`);
    } else {
      add(rawKey, `unknown hyperparameter "${rawKey}" for OpenAI`);
    }
  }
  if (values.beta !== undefined && request.trainingMethod !== 'dpo')
    add('beta', 'beta applies to DPO only, and this job is SFT');
  if ((values.wandbName || values.wandbEntity) && !values.wandbProject)
    add('wandb_project', 'wandb_project is required for the W&B integration');
  if (request.suffix !== undefined && request.suffix.length > 64)
    add('suffix', 'suffix must be at most 64 characters');
  return { values: values as OpenAIHyperparameters, violations };
}

/**
 * The `POST /fine_tuning/jobs` body: `method: {type: 'supervised' | 'dpo', <type>: {hyperparameters}}`
 * with the hyperparameters that were given (the rest are OpenAI's `auto`).
 */
export function buildOpenAIFineTuneBody(
  request: FineTuneJobRequest,
  files: { trainingFile: string; validationFile?: string | undefined },
): OpenAI.FineTuning.JobCreateParams {
  const { values: h } = readOpenAIHyperparameters(request);
  const hyperparameters: OpenAI.FineTuning.DpoHyperparameters = {};
  if (h.nEpochs !== undefined) hyperparameters.n_epochs = h.nEpochs;
  if (h.batchSize !== undefined) hyperparameters.batch_size = h.batchSize;
  if (h.learningRateMultiplier !== undefined)
    hyperparameters.learning_rate_multiplier = h.learningRateMultiplier;
  if (h.beta !== undefined) hyperparameters.beta = h.beta;
  const method: OpenAI.FineTuning.JobCreateParams.Method =
    request.trainingMethod === 'dpo'
      ? { type: 'dpo', dpo: { hyperparameters } }
      : { type: 'supervised', supervised: { hyperparameters } };
  return {
    model: request.baseModel,
    training_file: files.trainingFile,
    ...(files.validationFile ? { validation_file: files.validationFile } : {}),
    ...(request.suffix !== undefined ? { suffix: request.suffix } : {}),
    ...(h.seed !== undefined ? { seed: h.seed } : {}),
    method,
    ...(h.wandbProject
      ? {
          integrations: [
            {
              type: 'wandb',
              wandb: {
                project: h.wandbProject,
                ...(h.wandbName ? { name: h.wandbName } : {}),
                ...(h.wandbEntity ? { entity: h.wandbEntity } : {}),
              },
            },
          ],
        }
      : {}),
  };
}
