import type { MockFileStore } from './mock-file-store';
import type { MockJobFailure } from './mock-job-failure';
import { OpenAiFineTuningJob } from './openai-fine-tuning-job';
import { type SimulationOptions, StepSimulation } from './step-simulation';
import { TogetherFineTuneJob } from './together-fine-tune-job';
import { defaultTogetherModelLimits, type TogetherModelLimits } from './together-model-limits';
import type { OpenAiFineTuningParams } from './validate-openai-fine-tuning-job';
import type { TogetherFineTuneParams } from './validate-together-fine-tune';

/** How simulated fine-tune jobs move on. */
export interface MockFineTuneOptions extends SimulationOptions {
  /** Training steps per epoch (default 4): a job trains `n_epochs × stepsPerEpoch` steps, one per tick. */
  stepsPerEpoch?: number;
}

/** A snapshot of one simulated job, either API. */
export interface MockFineTuneJobInfo {
  id: string;
  provider: 'together' | 'openai';
  /** The provider's raw status (`running`, `completed`, `succeeded`, `cancel_requested`, …). */
  status: string;
  /** Training steps done. */
  step: number;
  totalSteps: number;
  model: string;
  /** Together `model_output_name` (known from creation); OpenAI `fine_tuned_model` (set on success). */
  outputModel: string | null;
}

/** Test controls for the fine-tune jobs of both APIs (`server.fineTunes`). */
export interface MockFineTunesControl {
  /** Move every unfinished job, or one, `steps` steps on (default 1). */
  advance(steps?: number, jobId?: string): this;
  /** Step every job, or one, until it finishes (completed/succeeded, or failed/cancelled if scripted so). */
  finish(jobId?: string): this;
  /** Fail an unfinished job now: Together `error` with a `job_error` event; OpenAI `failed` with `error`. */
  fail(jobId: string, failure?: MockJobFailure): this;
  /** The next created job (either API) fails at `failure.atTrainingStep` (default 1). Queued FIFO. */
  failNext(failure?: MockJobFailure): this;
  /** Change the clock (`stepMs`, `advanceOnPoll`) and `stepsPerEpoch` for later jobs. */
  configure(options: MockFineTuneOptions): this;
  /**
   * Move a job's creation time `ms` into the past (its `created_at`), as if someone had started it
   * that long ago: e.g. a deliberate earlier job that a retried create must not take for its own.
   */
  backdate(jobId: string, ms: number): this;
  get(jobId: string): MockFineTuneJobInfo | undefined;
  /** Every job, oldest first. */
  readonly jobs: readonly MockFineTuneJobInfo[];
  /** Add a fine-tunable Together model, or override fields of a built-in one (defaults: Qwen/Qwen3-8B's). */
  setModelLimits(model: string, limits?: Partial<TogetherModelLimits>): this;
}

export type FineTuneJob = TogetherFineTuneJob | OpenAiFineTuningJob;

/** The fine-tune jobs of a mock server: state for the routes, controls for tests. */
export class MockFineTunes implements MockFineTunesControl {
  readonly simulation: StepSimulation<FineTuneJob>;
  readonly #files: MockFileStore;
  readonly #onModel: (name: string) => void;
  readonly #defaults: MockFineTuneOptions;
  #stepsPerEpoch: number;
  #failures: MockJobFailure[] = [];
  #limits = defaultTogetherModelLimits();

  constructor(files: MockFileStore, options: MockFineTuneOptions, onModel: (name: string) => void) {
    this.#files = files;
    this.#onModel = onModel;
    this.#defaults = { ...options };
    this.simulation = new StepSimulation(options);
    this.#stepsPerEpoch = checkStepsPerEpoch(options.stepsPerEpoch ?? 4);
  }

  limits(model: string): TogetherModelLimits | undefined {
    return this.#limits.get(model);
  }

  /** Model names with limits, in insertion order. */
  supportedModels(): string[] {
    return [...this.#limits.keys()];
  }

  createTogether(params: TogetherFineTuneParams): TogetherFineTuneJob {
    const failure = this.#failures.shift();
    const job = new TogetherFineTuneJob({
      params,
      stepsPerEpoch: this.#stepsPerEpoch,
      trainingFile: this.#files.get(params.training_file)?.content ?? Buffer.alloc(0),
      ...(failure ? { failure } : {}),
      onComplete: (j) => this.#onModel(j.outputName),
    });
    this.simulation.add(job);
    return job;
  }

  createOpenAi(params: OpenAiFineTuningParams): OpenAiFineTuningJob {
    const failure = this.#failures.shift();
    const job = new OpenAiFineTuningJob({
      params,
      stepsPerEpoch: this.#stepsPerEpoch,
      trainingFile: this.#files.get(params.training_file)?.content ?? Buffer.alloc(0),
      ...(failure ? { failure } : {}),
      onComplete: (j) => {
        const results = this.#files.create({
          provider: 'openai',
          filename: 'step_metrics.csv',
          purpose: 'fine-tune-results',
          fileType: 'csv',
        });
        this.#files.setContent(results, Buffer.from(j.resultsCsv()));
        j.resultFiles = [results.id];
        if (j.fineTunedModel) this.#onModel(j.fineTunedModel);
      },
    });
    this.simulation.add(job);
    return job;
  }

  /** A completed Together job whose `model_output_name` is `name`. */
  completedTogetherOutput(name: string): TogetherFineTuneJob | undefined {
    return this.simulation
      .list()
      .find(
        (j): j is TogetherFineTuneJob =>
          j instanceof TogetherFineTuneJob && j.status === 'completed' && j.outputName === name,
      );
  }

  advance(steps = 1, jobId?: string): this {
    this.simulation.advance(steps, jobId);
    return this;
  }

  finish(jobId?: string): this {
    this.simulation.settle(jobId);
    return this;
  }

  fail(jobId: string, failure: MockJobFailure = {}): this {
    const job = this.simulation.get(jobId);
    if (!job) throw new Error(`No fine-tune job with id ${jobId}`);
    if (job.settled) throw new Error(`Fine-tune job ${jobId} already finished (${job.status})`);
    job.fail(Date.now(), failure);
    return this;
  }

  failNext(failure: MockJobFailure = {}): this {
    const at = failure.atTrainingStep ?? 1;
    if (!Number.isInteger(at) || at < 0)
      throw new RangeError(`atTrainingStep must be a whole number ≥ 0, got ${at}`);
    this.#failures.push({ ...failure, atTrainingStep: at });
    return this;
  }

  configure(options: MockFineTuneOptions): this {
    if (options.stepsPerEpoch !== undefined) this.#stepsPerEpoch = checkStepsPerEpoch(options.stepsPerEpoch);
    this.simulation.configure(options);
    return this;
  }

  backdate(jobId: string, ms: number): this {
    const job = this.simulation.get(jobId);
    if (!job) throw new Error(`No fine-tune job with id ${jobId}`);
    job.createdAtMs -= ms;
    return this;
  }

  get(jobId: string): MockFineTuneJobInfo | undefined {
    const job = this.simulation.get(jobId);
    return job ? info(job) : undefined;
  }

  get jobs(): readonly MockFineTuneJobInfo[] {
    return this.simulation.list().map(info);
  }

  setModelLimits(model: string, limits: Partial<TogetherModelLimits> = {}): this {
    const base = this.#limits.get(model) ?? this.#limits.get('Qwen/Qwen3-8B')!;
    this.#limits.set(model, { ...structuredClone(base), ...limits, model_name: model });
    return this;
  }

  /** Forget every job, scripted failure and custom limit; restore the start options. */
  reset(): void {
    this.simulation.clear();
    this.#failures = [];
    this.#limits = defaultTogetherModelLimits();
    this.#stepsPerEpoch = this.#defaults.stepsPerEpoch ?? 4;
    this.simulation.configure({ stepMs: undefined, advanceOnPoll: undefined, ...this.#defaults });
  }
}

function checkStepsPerEpoch(n: number): number {
  if (!Number.isInteger(n) || n < 1)
    throw new RangeError(`stepsPerEpoch must be a whole number ≥ 1, got ${n}`);
  return n;
}

function info(job: FineTuneJob): MockFineTuneJobInfo {
  return {
    id: job.id,
    provider: job.provider,
    status: job.status,
    step: job.step,
    totalSteps: job.totalSteps,
    model: job.params.model,
    outputModel: job instanceof TogetherFineTuneJob ? job.outputName : job.fineTunedModel,
  };
}
