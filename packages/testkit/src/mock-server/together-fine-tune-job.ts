import { randomUUID } from 'node:crypto';
import type { MockJobFailure } from './mock-job-failure';
import { randomHex } from './random-id';
import type { SimulatedEntity } from './step-simulation';
import { parameterCount } from './together-hardware';
import { trainingLoss, validationLoss } from './training-curve';
import type { TogetherFineTuneParams } from './validate-together-fine-tune';

export type TogetherFineTuneStatus =
  | 'pending'
  | 'queued'
  | 'running'
  | 'compressing'
  | 'uploading'
  | 'cancel_requested'
  | 'cancelled'
  | 'error'
  | 'completed';

/** Together's `FinetuneEvent`. */
export interface TogetherFineTuneEvent {
  object: 'fine-tune-event';
  created_at: string;
  level: 'info' | 'warning' | 'error';
  message: string;
  type: string;
  param_count: number;
  token_count: number;
  total_steps: number;
  wandb_url: string;
  step: number;
  checkpoint_path: string;
  model_path: string;
  training_offset: number;
  hash: string;
}

export interface TogetherCheckpoint {
  step: number;
  created_at: string;
  path: string;
  checkpoint_type: string;
  checkpoint?: 'model' | 'adapter';
}

const SETTLED: readonly TogetherFineTuneStatus[] = ['completed', 'cancelled', 'error'];
export const MOCK_TOGETHER_USER = 'mock-user';
const USER_ID = '64f1c1d0e4b0a1b2c3d4e5f6';

/** USD per million trained tokens, by size and method (roughly Together's price list). */
export function togetherPricePerMillion(model: string, full: boolean, dpo: boolean): number {
  const billions = parameterCount(model) / 1e9;
  const base = billions <= 16 ? 0.48 : billions <= 69 ? 1.5 : 2.9;
  return base * (full ? 1.125 : 1) * (dpo ? 2.5 : 1);
}

/**
 * One Together fine-tune job, moved one step per tick: pending → queued → running (one tick per training
 * step, `epoch_complete` and `checkpoint_save` events with step/total_steps and the loss) → compressing →
 * uploading → completed. `cancel()` → cancel_requested → (next tick) cancelled; a failure → error.
 */
export class TogetherFineTuneJob implements SimulatedEntity {
  readonly provider = 'together';
  readonly id = `ft-${randomUUID()}`;
  readonly params: TogetherFineTuneParams;
  readonly outputName: string;
  readonly totalSteps: number;
  readonly stepsPerEpoch: number;
  readonly tokenCount: number;
  readonly trainingFileLines: number;
  readonly trainingFileBytes: number;
  /** When the job was made (ms); `server.fineTunes.backdate()` moves it. */
  createdAtMs: number;
  updatedAtMs: number;
  startedAtMs: number | null = null;
  status: TogetherFineTuneStatus = 'pending';
  step = 0;
  readonly events: TogetherFineTuneEvent[] = [];
  readonly checkpoints: TogetherCheckpoint[] = [];
  readonly metrics: Record<string, number>[] = [];
  failure: MockJobFailure | undefined;
  readonly #onComplete: (job: TogetherFineTuneJob) => void;

  constructor(init: {
    params: TogetherFineTuneParams;
    stepsPerEpoch: number;
    trainingFile: Buffer;
    failure?: MockJobFailure;
    onComplete: (job: TogetherFineTuneJob) => void;
  }) {
    this.params = init.params;
    this.stepsPerEpoch = init.stepsPerEpoch;
    this.totalSteps = init.params.n_epochs * init.stepsPerEpoch;
    this.trainingFileBytes = init.trainingFile.length;
    this.trainingFileLines = init.trainingFile
      .toString('utf8')
      .split('\n')
      .filter((l) => l.trim()).length;
    this.tokenCount = Math.max(1, Math.ceil(init.trainingFile.length / 4));
    this.failure = init.failure;
    this.#onComplete = init.onComplete;
    const base = init.params.model.split('/').at(-1) ?? init.params.model;
    this.outputName = `${MOCK_TOGETHER_USER}/${base}-${init.params.suffix ? `${init.params.suffix}-` : ''}${randomHex(8)}`;
    this.createdAtMs = Date.now();
    this.updatedAtMs = this.createdAtMs;
    this.#event(this.createdAtMs, 'job_pending', 'Fine tune request created');
  }

  get settled(): boolean {
    return SETTLED.includes(this.status);
  }

  get totalPrice(): number {
    const full = this.params.training_type.type === 'Full';
    const dpo = this.params.training_method.method === 'dpo';
    const tokens = this.tokenCount * this.params.n_epochs;
    return Math.round(tokens * togetherPricePerMillion(this.params.model, full, dpo)) / 1e6;
  }

  tick(atMs: number): void {
    switch (this.status) {
      case 'pending':
        this.#set(atMs, 'queued');
        return;
      case 'queued':
        if (this.failure?.atTrainingStep === 0) {
          this.fail(atMs, this.failure);
          return;
        }
        this.#start(atMs);
        return;
      case 'running':
        this.#trainStep(atMs);
        return;
      case 'compressing':
        this.#event(atMs, 'model_compression_complete', 'Model compression complete');
        this.#event(atMs, 'model_uploading', `Uploading output model to ${this.outputName}`);
        this.#set(atMs, 'uploading');
        return;
      case 'uploading':
        this.#finish(atMs);
        return;
      case 'cancel_requested':
        this.#event(atMs, 'job_stopped', 'Job stopped: cancelled by user');
        this.#set(atMs, 'cancelled');
        return;
      default:
        return;
    }
  }

  /** Request cancellation; false when the job already finished. */
  cancel(atMs: number): boolean {
    if (this.settled) return false;
    if (this.status === 'cancel_requested') return true;
    this.#event(atMs, 'cancel_requested', 'Cancel requested by user');
    this.#set(atMs, 'cancel_requested');
    return true;
  }

  fail(atMs: number, failure: MockJobFailure = {}): void {
    if (this.settled) return;
    this.#event(atMs, 'job_error', failure.message ?? 'Job failed: simulated training error', 'error');
    this.#set(atMs, 'error');
  }

  #start(atMs: number): void {
    this.startedAtMs = atMs;
    const date = new Date(atMs).toISOString();
    this.#set(atMs, 'running');
    this.#event(atMs, 'job_start', `Job started at ${date}`);
    this.#event(atMs, 'model_downloading', `Downloading model data for ${this.params.model}`);
    this.#event(atMs, 'model_download_complete', `Model data downloaded for ${this.params.model} at ${date}`);
    this.#event(atMs, 'training_data_downloading', 'Downloading training data');
    this.#event(
      atMs,
      'training_data_download_complete',
      `Training data downloaded for ${this.params.model} at ${date}`,
    );
    if (this.params.validation_file) {
      this.#event(atMs, 'validation_data_downloading', 'Downloading validation data');
      this.#event(atMs, 'validation_data_download_complete', 'Validation data downloaded');
    }
    if (this.params.wandb_api_key) {
      const e = this.#event(atMs, 'wandb_init', 'WandB run initialized.');
      e.wandb_url = `https://wandb.ai/mock/${this.params.wandb_project_name ?? 'together'}/runs/${this.id}`;
    }
    this.#event(atMs, 'training_start', `Training started for model ${this.params.model}`);
  }

  #trainStep(atMs: number): void {
    const step = this.step + 1;
    if (this.failure && (this.failure.atTrainingStep ?? 1) === step) {
      this.fail(atMs, this.failure);
      return;
    }
    this.step = step;
    const loss = trainingLoss(step, this.totalSteps);
    const metric: Record<string, number> = {
      global_step: step,
      epoch: Math.round((step / this.stepsPerEpoch) * 1000) / 1000,
      train_loss: loss,
      learning_rate: this.params.learning_rate * (1 - (step - 1) / this.totalSteps),
    };
    const evalEvery =
      this.params.n_evals > 0 ? Math.max(1, Math.floor(this.totalSteps / this.params.n_evals)) : 0;
    if (evalEvery > 0 && step % evalEvery === 0) metric.eval_loss = validationLoss(step, this.totalSteps);
    this.metrics.push(metric);
    this.updatedAtMs = atMs;
    if (step % this.stepsPerEpoch === 0) {
      const epoch = step / this.stepsPerEpoch;
      this.#event(
        atMs,
        'epoch_complete',
        `Epoch ${epoch}/${this.params.n_epochs} completed, at step ${step} (train loss ${loss})`,
      );
    }
    const n = this.params.n_checkpoints;
    const intermediate = new Set<number>();
    for (let k = 1; k < n; k++) intermediate.add(Math.round((this.totalSteps * k) / n));
    if (intermediate.has(step) && step < this.totalSteps) {
      const path = `s3://together-mock-finetune/${this.id}/checkpoint-${step}`;
      this.checkpoints.push({ step, created_at: iso(atMs), path, checkpoint_type: 'Intermediate' });
      const e = this.#event(
        atMs,
        'checkpoint_save',
        `New checkpoint saved at step ${step} (train loss ${loss})`,
      );
      e.checkpoint_path = path;
    }
    if (step >= this.totalSteps) {
      this.#event(atMs, 'training_complete', `Training completed for ${this.params.model} at ${iso(atMs)}`);
      this.#event(atMs, 'model_compressing', 'Compressing output model');
      this.#set(atMs, 'compressing');
    }
  }

  #finish(atMs: number): void {
    const modelPath = `s3://together-mock-finetune/${this.id}/final`;
    this.#event(atMs, 'model_upload_complete', `Model upload complete: ${this.outputName}`).model_path =
      modelPath;
    if (this.params.training_type.type === 'Lora') {
      this.checkpoints.push(
        {
          step: this.step,
          created_at: iso(atMs),
          path: `${modelPath}-merged`,
          checkpoint_type: 'Final Merged',
          checkpoint: 'model',
        },
        {
          step: this.step,
          created_at: iso(atMs),
          path: `${modelPath}-adapter`,
          checkpoint_type: 'Final Adapter',
          checkpoint: 'adapter',
        },
      );
    } else {
      this.checkpoints.push({
        step: this.step,
        created_at: iso(atMs),
        path: modelPath,
        checkpoint_type: 'Final',
        checkpoint: 'model',
      });
    }
    this.#event(atMs, 'job_complete', `Job finished at ${iso(atMs)}`);
    this.#set(atMs, 'completed');
    this.#onComplete(this);
  }

  #set(atMs: number, status: TogetherFineTuneStatus): void {
    this.status = status;
    this.updatedAtMs = atMs;
  }

  #event(
    atMs: number,
    type: string,
    message: string,
    level: 'info' | 'error' = 'info',
  ): TogetherFineTuneEvent {
    const event: TogetherFineTuneEvent = {
      object: 'fine-tune-event',
      created_at: iso(atMs),
      level,
      message,
      type,
      param_count: parameterCount(this.params.model),
      token_count: this.tokenCount,
      total_steps: this.totalSteps,
      wandb_url: '',
      step: this.step,
      checkpoint_path: '',
      model_path: '',
      training_offset: 0,
      hash: '',
    };
    this.events.push(event);
    return event;
  }

  /** The truncated job (create, list items, cancel). */
  truncated(): Record<string, unknown> {
    const p = this.params;
    return {
      id: this.id,
      status: this.status,
      created_at: iso(this.createdAtMs),
      updated_at: iso(this.updatedAtMs),
      ...(this.startedAtMs !== null ? { started_at: iso(this.startedAtMs) } : {}),
      user_id: USER_ID,
      owner_address: '0x0000000000000000000000000000000000000000',
      model: p.model,
      model_output_name: this.outputName,
      training_file: p.training_file,
      ...(p.validation_file ? { validation_file: p.validation_file } : {}),
      n_epochs: p.n_epochs,
      n_checkpoints: p.n_checkpoints,
      n_evals: p.n_evals,
      batch_size: p.batch_size,
      learning_rate: p.learning_rate,
      lr_scheduler: p.lr_scheduler,
      warmup_ratio: p.warmup_ratio,
      max_grad_norm: p.max_grad_norm,
      weight_decay: p.weight_decay,
      max_seq_length: p.max_seq_length,
      packing: p.packing,
      random_seed: p.random_seed,
      ...(p.suffix !== undefined ? { suffix: p.suffix } : {}),
      training_type: p.training_type,
      training_method: p.training_method,
      ...(p.from_checkpoint !== undefined ? { from_checkpoint: p.from_checkpoint } : {}),
      ...(p.wandb_project_name !== undefined ? { wandb_project_name: p.wandb_project_name } : {}),
      ...(p.wandb_name !== undefined ? { wandb_name: p.wandb_name } : {}),
      token_count: this.tokenCount,
      // The spec types total_price as an integer without a unit; whole dollars, rounded up.
      total_price: Math.ceil(this.totalPrice),
      progress: this.#progress(),
    };
  }

  /** The full job (`GET /v1/fine-tunes/{id}`), with `events`. */
  full(): Record<string, unknown> {
    const wandb = this.events.find((e) => e.type === 'wandb_init');
    return {
      ...this.truncated(),
      job_id: this.id,
      events: this.events,
      epochs_completed: Math.floor(this.step / this.stepsPerEpoch),
      eval_steps:
        this.params.n_evals > 0 ? Math.max(1, Math.floor(this.totalSteps / this.params.n_evals)) : 0,
      param_count: parameterCount(this.params.model),
      queue_depth: this.status === 'queued' ? 1 : 0,
      train_on_inputs: this.params.training_method.train_on_inputs ?? 'auto',
      trainingfile_numlines: this.trainingFileLines,
      trainingfile_size: this.trainingFileBytes,
      ...(this.status === 'completed'
        ? { model_output_path: `s3://together-mock-finetune/${this.id}/final` }
        : {}),
      ...(wandb ? { wandb_url: wandb.wandb_url } : {}),
    };
  }

  #progress(): { estimate_available: boolean; seconds_remaining: number } {
    const running = this.status === 'running';
    return {
      estimate_available: running,
      seconds_remaining: running ? (this.totalSteps - this.step) * 30 : 0,
    };
  }
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}
