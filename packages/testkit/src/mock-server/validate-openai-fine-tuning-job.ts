import { isUnknownModel } from './api-key';
import type { MockFileStore } from './mock-file-store';
import type { FineTuneValidationError } from './validate-together-fine-tune';

export type AutoOr<T> = 'auto' | T;

/** A `POST /v1/fine_tuning/jobs` body after validation. */
export interface OpenAiFineTuningParams {
  model: string;
  training_file: string;
  validation_file: string | null;
  suffix: string | null;
  seed: number;
  metadata: Record<string, string> | null;
  integrations: unknown[];
  method: { type: 'supervised' | 'dpo' | 'reinforcement'; [key: string]: unknown };
  hyperparameters: Record<string, AutoOr<number>>;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

type Check = (value: number) => boolean;

/**
 * Base models OpenAI fine-tunes (by method), plus any `ft:` model of one of them (continued
 * training). The snapshots OpenAI's fine-tuning guide lists, and their undated aliases.
 */
const FINE_TUNABLE: Record<'supervised' | 'dpo' | 'reinforcement', RegExp> = {
  supervised:
    /^(gpt-4\.1(-mini|-nano)?(-2025-04-14)?|gpt-4o(-2024-08-06)?|gpt-4o-mini(-2024-07-18)?|gpt-3\.5-turbo(-0125|-1106)?|babbage-002|davinci-002)$/,
  dpo: /^(gpt-4\.1(-mini|-nano)?(-2025-04-14)?|gpt-4o(-2024-08-06)?|gpt-4o-mini(-2024-07-18)?)$/,
  reinforcement: /^o4-mini(-2025-04-16)?$/,
};

function isFineTunable(model: string, method: keyof typeof FINE_TUNABLE): boolean {
  const base = model.startsWith('ft:') ? (model.split(':')[1] ?? '') : model;
  return FINE_TUNABLE[method].test(base);
}

/** Each hyperparameter: "auto" or a number in its range (openai-openapi `FineTune*Hyperparameters`). */
const HYPERPARAMETERS: Record<string, { check: Check; range: string; integer: boolean }> = {
  batch_size: { check: (v) => v >= 1 && v <= 256, range: 'between 1 and 256', integer: true },
  n_epochs: { check: (v) => v >= 1 && v <= 50, range: 'between 1 and 50', integer: true },
  learning_rate_multiplier: { check: (v) => v > 0, range: 'greater than 0', integer: false },
  beta: { check: (v) => v > 0 && v <= 2, range: 'in (0, 2]', integer: false },
  compute_multiplier: { check: (v) => v > 0 && v <= 10, range: 'in (0, 10]', integer: false },
  eval_interval: { check: (v) => v >= 1, range: 'at least 1', integer: true },
  eval_samples: { check: (v) => v >= 1, range: 'at least 1', integer: true },
};

const METHOD_HYPERPARAMETERS: Record<string, string[]> = {
  supervised: ['batch_size', 'learning_rate_multiplier', 'n_epochs'],
  dpo: ['beta', 'batch_size', 'learning_rate_multiplier', 'n_epochs'],
  reinforcement: [
    'batch_size',
    'learning_rate_multiplier',
    'n_epochs',
    'reasoning_effort',
    'compute_multiplier',
    'eval_interval',
    'eval_samples',
  ],
};

function checkHyperparameters(
  value: unknown,
  allowed: string[],
  path: string,
): Record<string, AutoOr<number> | string> | FineTuneValidationError {
  if (value === undefined || value === null) return {};
  if (!isRecord(value)) return { param: path, message: `${path} must be an object` };
  const out: Record<string, AutoOr<number> | string> = {};
  for (const [key, v] of Object.entries(value)) {
    const param = `${path}.${key}`;
    if (!allowed.includes(key)) return { param, message: `Unrecognized hyperparameter: ${key}` };
    if (key === 'reasoning_effort') {
      if (!['default', 'low', 'medium', 'high'].includes(v as string))
        return {
          param,
          message: `'${String(v)}' is not one of ['default', 'low', 'medium', 'high'] - '${param}'`,
        };
      out[key] = v as string;
      continue;
    }
    const rule = HYPERPARAMETERS[key]!;
    if (v === 'auto') {
      out[key] = 'auto';
      continue;
    }
    if (
      typeof v !== 'number' ||
      !Number.isFinite(v) ||
      (rule.integer && !Number.isInteger(v)) ||
      !rule.check(v)
    )
      return {
        param,
        message: `Invalid value for '${key}': expected "auto" or ${rule.integer ? 'an integer' : 'a number'} ${rule.range}, got ${JSON.stringify(v)}.`,
      };
    out[key] = v;
  }
  return out;
}

function isError(value: unknown): value is FineTuneValidationError {
  return isRecord(value) && typeof value.message === 'string' && typeof value.param === 'string';
}

/** Validates an OpenAI fine-tuning job request (§3); the first problem is returned as `{message, param}`. */
export function validateOpenAiFineTuningJob(
  body: Record<string, unknown>,
  files: MockFileStore,
): OpenAiFineTuningParams | FineTuneValidationError {
  const err = (param: string, message: string): FineTuneValidationError => ({ param, message });
  if (typeof body.model !== 'string' || body.model === '')
    return err('model', "Missing required parameter: 'model'.");
  if (typeof body.training_file !== 'string' || body.training_file === '')
    return err('training_file', "Missing required parameter: 'training_file'.");
  const methodType =
    isRecord(body.method) && (body.method.type === 'dpo' || body.method.type === 'reinforcement')
      ? body.method.type
      : 'supervised';
  if (isUnknownModel(body.model) || !isFineTunable(body.model, methodType))
    return err(
      'model',
      `Model ${body.model} is not available for fine-tuning${methodType === 'supervised' ? '' : ` with method ${methodType}`} or does not exist.`,
    );
  for (const param of ['training_file', 'validation_file'] as const) {
    const id = body[param];
    if (param === 'validation_file' && (id === undefined || id === null)) continue;
    if (typeof id !== 'string') return err(param, `${param} must be a file id`);
    const file = files.get(id);
    if (!file) return err(param, `invalid ${param}: ${id}`);
    if (file.purpose !== 'fine-tune')
      return err(param, `File ${id} has purpose '${file.purpose}'; fine-tuning needs purpose 'fine-tune'.`);
  }
  if (body.suffix !== undefined && body.suffix !== null) {
    if (typeof body.suffix !== 'string' || body.suffix.length < 1 || body.suffix.length > 64)
      return err('suffix', 'suffix must be a string of 1 to 64 characters.');
  }
  if (
    body.seed !== undefined &&
    body.seed !== null &&
    (!Number.isInteger(body.seed) || (body.seed as number) < 0 || (body.seed as number) > 2147483647)
  )
    return err('seed', 'seed must be an integer between 0 and 2147483647.');
  if (body.metadata !== undefined && body.metadata !== null) {
    if (!isRecord(body.metadata)) return err('metadata', 'metadata must be an object of string values.');
    for (const [key, value] of Object.entries(body.metadata))
      if (typeof value !== 'string' || value.length > 512 || key.length > 64)
        return err(
          `metadata.${key}`,
          'metadata values must be strings of at most 512 characters, keys at most 64.',
        );
  }
  if (body.integrations !== undefined && body.integrations !== null) {
    if (!Array.isArray(body.integrations)) return err('integrations', 'integrations must be an array.');
    for (const [i, integration] of body.integrations.entries()) {
      if (!isRecord(integration) || integration.type !== 'wandb' || !isRecord(integration.wandb))
        return err(
          `integrations[${i}]`,
          'Only integrations of type "wandb" with a `wandb` object are supported.',
        );
      if (typeof integration.wandb.project !== 'string')
        return err(`integrations[${i}].wandb.project`, "Missing required parameter: 'project'.");
    }
  }

  let method: OpenAiFineTuningParams['method'];
  let hyperparameters: Record<string, AutoOr<number>>;
  const m = body.method;
  if (m === undefined || m === null) {
    const h = checkHyperparameters(
      body.hyperparameters,
      METHOD_HYPERPARAMETERS.supervised!,
      'hyperparameters',
    );
    if (isError(h)) return h;
    hyperparameters = h as Record<string, AutoOr<number>>;
    method = { type: 'supervised', supervised: { hyperparameters: { ...hyperparameters } } };
  } else {
    if (!isRecord(m)) return err('method', 'method must be an object.');
    if (m.type !== 'supervised' && m.type !== 'dpo' && m.type !== 'reinforcement')
      return err(
        'method.type',
        `'${String(m.type)}' is not one of ['supervised', 'dpo', 'reinforcement'] - 'method.type'`,
      );
    if (body.hyperparameters !== undefined && body.hyperparameters !== null)
      return err(
        'hyperparameters',
        'hyperparameters is deprecated and cannot be set together with method; use method.' +
          m.type +
          '.hyperparameters.',
      );
    const section = m[m.type];
    if (section !== undefined && section !== null && !isRecord(section))
      return err(`method.${m.type}`, `method.${m.type} must be an object.`);
    if (m.type === 'reinforcement' && !(isRecord(section) && isRecord(section.grader)))
      return err('method.reinforcement.grader', "Missing required parameter: 'method.reinforcement.grader'.");
    const h = checkHyperparameters(
      isRecord(section) ? section.hyperparameters : undefined,
      METHOD_HYPERPARAMETERS[m.type]!,
      `method.${m.type}.hyperparameters`,
    );
    if (isError(h)) return h;
    hyperparameters = h as Record<string, AutoOr<number>>;
    method = { type: m.type, [m.type]: { ...(isRecord(section) ? section : {}), hyperparameters: h } };
  }
  return {
    model: body.model,
    training_file: body.training_file,
    validation_file: typeof body.validation_file === 'string' ? body.validation_file : null,
    suffix: typeof body.suffix === 'string' ? body.suffix : null,
    seed: typeof body.seed === 'number' ? body.seed : Math.floor(Math.random() * 2 ** 31),
    metadata: (body.metadata as Record<string, string> | null | undefined) ?? null,
    integrations: (body.integrations as unknown[] | null | undefined) ?? [],
    method,
    hyperparameters,
  };
}
