import type { FineTuneJobRequest } from '@distillery/core';
import type { HyperparameterViolation } from '@distillery/provider-kit';

export type { HyperparameterViolation };

/**
 * The hyperparameters a Together job takes, in `FineTuneJobRequest.hyperparameters` (camelCase;
 * the API's snake_case names are accepted too). Unset ones are left to Together's defaults,
 * except LoRA rank and alpha, which default to the model's maximum rank and twice the rank.
 */
export interface TogetherHyperparameters {
  nEpochs?: number;
  learningRate?: number;
  /** An integer in the model's range, or `max`. */
  batchSize?: number | 'max';
  warmupRatio?: number;
  nCheckpoints?: number;
  /** Evaluations during training; needs a validation file. */
  nEvals?: number;
  maxSeqLength?: number;
  maxGradNorm?: number;
  weightDecay?: number;
  randomSeed?: number;
  packing?: boolean;
  lrScheduler?: 'linear' | 'cosine';
  minLrRatio?: number;
  numCycles?: number;
  /** LoRA only. */
  loraR?: number;
  loraAlpha?: number;
  loraDropout?: number;
  loraTrainableModules?: string;
  /** SFT only. */
  trainOnInputs?: boolean | 'auto';
  /** DPO only. */
  dpoBeta?: number;
  rpoAlpha?: number;
  simpoGamma?: number;
  dpoNormalizeLogratiosByLength?: boolean;
  dpoReferenceFree?: boolean;
  wandbApiKey?: string;
  wandbBaseUrl?: string;
  wandbProjectName?: string;
  wandbName?: string;
  wandbEntity?: string;
  /** `ft-…[:step]` to continue from. */
  fromCheckpoint?: string;
}

type Kind = 'int' | 'number' | 'boolean' | 'string';
const KINDS: Record<keyof TogetherHyperparameters, Kind | readonly (string | boolean)[]> = {
  nEpochs: 'int',
  learningRate: 'number',
  batchSize: 'int',
  warmupRatio: 'number',
  nCheckpoints: 'int',
  nEvals: 'int',
  maxSeqLength: 'int',
  maxGradNorm: 'number',
  weightDecay: 'number',
  randomSeed: 'int',
  packing: 'boolean',
  lrScheduler: ['linear', 'cosine'],
  minLrRatio: 'number',
  numCycles: 'number',
  loraR: 'int',
  loraAlpha: 'number',
  loraDropout: 'number',
  loraTrainableModules: 'string',
  trainOnInputs: [true, false, 'auto'],
  dpoBeta: 'number',
  rpoAlpha: 'number',
  simpoGamma: 'number',
  dpoNormalizeLogratiosByLength: 'boolean',
  dpoReferenceFree: 'boolean',
  wandbApiKey: 'string',
  wandbBaseUrl: 'string',
  wandbProjectName: 'string',
  wandbName: 'string',
  wandbEntity: 'string',
  fromCheckpoint: 'string',
};

const camel = (key: string) => key.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
const snake = (key: string) => key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
export const apiParam = snake;

function fits(value: unknown, kind: Kind | readonly (string | boolean)[]): boolean {
  if (Array.isArray(kind)) return kind.includes(value as string | boolean);
  switch (kind) {
    case 'int':
      return typeof value === 'number' && Number.isInteger(value);
    case 'number':
      return typeof value === 'number' && Number.isFinite(value);
    default:
      return typeof value === kind;
  }
}

/** Reads the request's hyperparameters: known names, right types; everything else is a violation. */
export function readTogetherHyperparameters(request: Pick<FineTuneJobRequest, 'hyperparameters'>): {
  values: TogetherHyperparameters;
  violations: HyperparameterViolation[];
} {
  const values: Record<string, unknown> = {};
  const violations: HyperparameterViolation[] = [];
  for (const [rawKey, value] of Object.entries(request.hyperparameters ?? {})) {
    if (value === undefined || value === null) continue;
    const key = camel(rawKey) as keyof TogetherHyperparameters;
    const kind = KINDS[key];
    if (!kind) {
      violations.push({ param: rawKey, message: `unknown hyperparameter "${rawKey}" for Together` });
    } else if (key === 'batchSize' && value === 'max') {
      values[key] = value;
    } else if (!fits(value, kind)) {
      const expected = Array.isArray(kind)
        ? kind.map((k) => JSON.stringify(k)).join(' or ')
        : kind === 'int'
          ? 'an integer'
          : `a ${kind}`;
      violations.push({
        param: snake(key),
        message: `${snake(key)} must be ${expected}${key === 'batchSize' ? ' or "max"' : ''}, got ${JSON.stringify(value)}`,
      });
    } else {
      values[key] = value;
    }
  }
  return { values: values as TogetherHyperparameters, violations };
}
