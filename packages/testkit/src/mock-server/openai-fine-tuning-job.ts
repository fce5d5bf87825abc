import type { MockJobFailure } from './mock-job-failure';
import { randomAlnum } from './random-id';
import type { SimulatedEntity } from './step-simulation';
import { tokenAccuracy, trainingLoss, validationLoss } from './training-curve';
import type { AutoOr, OpenAiFineTuningParams } from './validate-openai-fine-tuning-job';

export type OpenAiFineTuningStatus =
  | 'validating_files'
  | 'queued'
  | 'running'
  | 'succeeded'
  | 'failed'
  | 'cancelled';

/** OpenAI's `FineTuningJobEvent`. */
export interface OpenAiFineTuningEvent {
  object: 'fine_tuning.job.event';
  id: string;
  created_at: number;
  level: 'info' | 'warn' | 'error';
  message: string;
  type: 'message' | 'metrics';
  data?: Record<string, unknown>;
}

/** OpenAI's `FineTuningJobCheckpoint`. */
export interface OpenAiCheckpoint {
  object: 'fine_tuning.job.checkpoint';
  id: string;
  created_at: number;
  fine_tuned_model_checkpoint: string;
  fine_tuning_job_id: string;
  step_number: number;
  metrics: Record<string, number>;
}

export const MOCK_OPENAI_ORGANIZATION = 'org-mock';
const ORG_SLUG = 'mock-org';
const SETTLED: readonly OpenAiFineTuningStatus[] = ['succeeded', 'failed', 'cancelled'];
/** What "auto" resolves to once the job starts running. */
const AUTO_DEFAULTS: Record<string, number> = {
  n_epochs: 3,
  batch_size: 1,
  learning_rate_multiplier: 1.8,
  beta: 0.1,
  compute_multiplier: 1,
  eval_interval: 1,
  eval_samples: 1,
};

const seconds = (ms: number): number => Math.floor(ms / 1000);

/**
 * One OpenAI fine-tuning job, one step per tick: validating_files → queued → running (a `metrics` event per
 * training step, a checkpoint per epoch, the last three kept) → (one more tick) succeeded with
 * `fine_tuned_model`. `cancel()` → cancelled at once; a failure → failed with `error`.
 */
export class OpenAiFineTuningJob implements SimulatedEntity {
  readonly provider = 'openai';
  readonly id = `ftjob-${randomAlnum(24)}`;
  readonly params: OpenAiFineTuningParams;
  readonly stepsPerEpoch: number;
  readonly tokenCount: number;
  /** When the job was made (ms); `server.fineTunes.backdate()` moves it. */
  createdAtMs = Date.now();
  status: OpenAiFineTuningStatus = 'validating_files';
  step = 0;
  totalSteps: number;
  finishedAtMs: number | null = null;
  fineTunedModel: string | null = null;
  error: { code: string; message: string; param: string | null } | null = null;
  resultFiles: string[] = [];
  readonly events: OpenAiFineTuningEvent[] = [];
  readonly checkpoints: OpenAiCheckpoint[] = [];
  failure: MockJobFailure | undefined;
  #trainingDone = false;
  readonly #onComplete: (job: OpenAiFineTuningJob) => void;

  constructor(init: {
    params: OpenAiFineTuningParams;
    stepsPerEpoch: number;
    trainingFile: Buffer;
    failure?: MockJobFailure;
    onComplete: (job: OpenAiFineTuningJob) => void;
  }) {
    this.params = init.params;
    this.stepsPerEpoch = init.stepsPerEpoch;
    this.tokenCount = Math.max(1, Math.ceil(init.trainingFile.length / 4));
    this.failure = init.failure;
    this.#onComplete = init.onComplete;
    this.totalSteps = this.#epochs() * this.stepsPerEpoch;
    this.#event(this.createdAtMs, `Created fine-tuning job: ${this.id}`);
    const validation = init.params.validation_file
      ? ` and validation file: ${init.params.validation_file}`
      : '';
    this.#event(this.createdAtMs, `Validating training file: ${init.params.training_file}${validation}`);
  }

  get settled(): boolean {
    return SETTLED.includes(this.status);
  }

  /** The resolved number of epochs ("auto" → 3). */
  #epochs(): number {
    const n = this.params.hyperparameters.n_epochs;
    return typeof n === 'number' ? n : AUTO_DEFAULTS.n_epochs!;
  }

  tick(atMs: number): void {
    switch (this.status) {
      case 'validating_files':
        if (this.failure?.atTrainingStep === 0) {
          this.fail(atMs, this.failure);
          return;
        }
        this.#event(atMs, 'Files validated, moving job to queued state');
        this.status = 'queued';
        return;
      case 'queued':
        this.#resolveAuto();
        this.#event(atMs, 'Fine-tuning job started');
        this.status = 'running';
        return;
      case 'running':
        if (this.#trainingDone) {
          this.#succeed(atMs);
          return;
        }
        this.#trainStep(atMs);
        return;
      default:
        return;
    }
  }

  /** Cancel; false when the job already finished. */
  cancel(atMs: number): boolean {
    if (this.settled) return false;
    this.#event(atMs, 'Fine-tuning job cancelled');
    this.status = 'cancelled';
    return true;
  }

  fail(atMs: number, failure: MockJobFailure = {}): void {
    if (this.settled) return;
    const early = this.status === 'validating_files' || this.status === 'queued';
    this.error = {
      code: failure.code ?? (early ? 'invalid_training_file' : 'server_error'),
      message:
        failure.message ??
        (early
          ? `The job failed due to an invalid training file. Invalid file format. Example 1: Expected key 'messages'.`
          : 'The job experienced an error while training and failed.'),
      param: failure.param !== undefined ? failure.param : early ? 'training_file' : null,
    };
    this.#event(atMs, this.error.message, 'error');
    this.status = 'failed';
    this.finishedAtMs = atMs;
  }

  #resolveAuto(): void {
    const resolved: Record<string, AutoOr<number>> = {};
    for (const [key, value] of Object.entries(this.params.hyperparameters))
      resolved[key] = value === 'auto' ? (AUTO_DEFAULTS[key] ?? value) : value;
    for (const key of ['batch_size', 'learning_rate_multiplier', 'n_epochs'])
      if (resolved[key] === undefined) resolved[key] = AUTO_DEFAULTS[key]!;
    if (this.params.method.type === 'dpo' && resolved.beta === undefined) resolved.beta = AUTO_DEFAULTS.beta!;
    this.params.hyperparameters = resolved;
    const section = this.params.method[this.params.method.type] as Record<string, unknown> | undefined;
    this.params.method = {
      ...this.params.method,
      [this.params.method.type]: { ...(section ?? {}), hyperparameters: { ...resolved } },
    };
    this.totalSteps = this.#epochs() * this.stepsPerEpoch;
  }

  #trainStep(atMs: number): void {
    const step = this.step + 1;
    if (this.failure && (this.failure.atTrainingStep ?? 1) === step) {
      this.fail(atMs, this.failure);
      return;
    }
    this.step = step;
    const total = this.totalSteps;
    const data: Record<string, number> = {
      step,
      train_loss: trainingLoss(step, total),
      train_mean_token_accuracy: tokenAccuracy(step, total),
      total_steps: total,
    };
    if (this.params.validation_file) {
      data.valid_loss = validationLoss(step, total);
      data.valid_mean_token_accuracy = Math.max(0, tokenAccuracy(step, total) - 0.02);
    }
    this.#event(
      atMs,
      `Step ${step}/${total}: training loss=${data.train_loss!.toFixed(2)}`,
      'info',
      'metrics',
      data,
    );
    if (step % this.stepsPerEpoch === 0) {
      const metrics: Record<string, number> = {
        step,
        train_loss: data.train_loss!,
        train_mean_token_accuracy: data.train_mean_token_accuracy!,
      };
      if (this.params.validation_file) {
        metrics.valid_loss = data.valid_loss!;
        metrics.valid_mean_token_accuracy = data.valid_mean_token_accuracy!;
        metrics.full_valid_loss = data.valid_loss!;
        metrics.full_valid_mean_token_accuracy = data.valid_mean_token_accuracy!;
      }
      this.checkpoints.push({
        object: 'fine_tuning.job.checkpoint',
        id: `ftckpt_${randomAlnum(24)}`,
        created_at: seconds(atMs),
        fine_tuned_model_checkpoint: `${this.#modelName()}:ckpt-step-${step}`,
        fine_tuning_job_id: this.id,
        step_number: step,
        metrics,
      });
      if (this.checkpoints.length > 3) this.checkpoints.shift();
      this.#event(atMs, `Checkpoint created at step ${step}`);
    }
    if (step >= total) {
      this.#trainingDone = true;
      this.#event(atMs, `New fine-tuned model created`);
      this.#event(atMs, 'Evaluating model against our usage policies');
    }
  }

  #succeed(atMs: number): void {
    this.fineTunedModel = this.#modelName();
    this.#event(atMs, 'Usage policy evaluations completed, model is now enabled for sampling');
    this.#event(atMs, 'The job has successfully completed');
    this.status = 'succeeded';
    this.finishedAtMs = atMs;
    this.#onComplete(this);
  }

  #modelNameCache: string | undefined;
  #modelName(): string {
    this.#modelNameCache ??= `ft:${this.params.model}:${ORG_SLUG}:${this.params.suffix ?? ''}:${randomAlnum(8)}`;
    return this.#modelNameCache;
  }

  #event(
    atMs: number,
    message: string,
    level: OpenAiFineTuningEvent['level'] = 'info',
    type: OpenAiFineTuningEvent['type'] = 'message',
    data?: Record<string, unknown>,
  ): void {
    this.events.push({
      object: 'fine_tuning.job.event',
      id: `ftevent-${randomAlnum(24)}`,
      created_at: seconds(atMs),
      level,
      message,
      type,
      ...(data ? { data } : {}),
    });
  }

  /** The `FineTuningJob` object. */
  toJSON(): Record<string, unknown> {
    const p = this.params;
    const remaining = this.status === 'running' ? this.totalSteps - this.step + 1 : 0;
    return {
      object: 'fine_tuning.job',
      id: this.id,
      model: p.model,
      created_at: seconds(this.createdAtMs),
      finished_at: this.finishedAtMs === null ? null : seconds(this.finishedAtMs),
      fine_tuned_model: this.fineTunedModel,
      organization_id: MOCK_OPENAI_ORGANIZATION,
      result_files: this.resultFiles,
      status: this.status,
      validation_file: p.validation_file,
      training_file: p.training_file,
      hyperparameters: p.hyperparameters,
      trained_tokens: this.status === 'succeeded' ? this.tokenCount * this.#epochs() : null,
      error: this.error,
      user_provided_suffix: p.suffix,
      seed: p.seed,
      estimated_finish: remaining > 0 ? seconds(Date.now()) + remaining * 60 : null,
      integrations: p.integrations,
      metadata: p.metadata,
      method: p.method,
    };
  }

  /** Step metrics as the results CSV OpenAI attaches to a finished job. */
  resultsCsv(): string {
    const rows = this.events
      .filter((e) => e.type === 'metrics' && e.data)
      .map((e) => {
        const d = e.data as Record<string, number>;
        return [
          d.step,
          d.train_loss,
          d.train_mean_token_accuracy,
          d.valid_loss ?? '',
          d.valid_mean_token_accuracy ?? '',
        ].join(',');
      });
    return ['step,train_loss,train_accuracy,valid_loss,valid_mean_token_accuracy', ...rows].join('\n') + '\n';
  }
}
