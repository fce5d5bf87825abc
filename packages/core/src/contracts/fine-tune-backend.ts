import type { FineTuneEvent, FineTuneMethod, FineTuneStatus } from '../schema/fine-tune';
import type { CallOptions } from './model-provider';
import type { PluginBase } from './plugin-base';

export interface CheckFinding {
  /** 1-based line number in the file, or 0 for the file as a whole. */
  line: number;
  code: string;
  message: string;
}

export interface CheckReport {
  ok: boolean;
  format: string;
  samples: number;
  errors: CheckFinding[];
  warnings: CheckFinding[];
  stats: Record<string, number>;
}

export interface UploadedFile {
  id: string;
  filename: string;
  bytes: number;
}

export interface FineTuneJobRequest {
  baseModel: string;
  trainingFile: string;
  validationFile?: string;
  method: FineTuneMethod;
  /** `sft` for conversations, `dpo` for preference data. */
  trainingMethod: 'sft' | 'dpo';
  hyperparameters: Record<string, unknown>;
  suffix?: string;
  /** The training data carries reasoning in a field of its own (needs a model that supports reasoning). */
  reasoning?: boolean;
}

/** One reason a job would be refused. */
export interface JobProblem {
  /** The setting at fault: `model`, `method`, `reasoning`, or a hyperparameter's API name. */
  param: string;
  message: string;
}

/** Where the limits a job was checked against came from. */
export interface LimitsSource {
  /** `live`: the provider answered just now; `snapshot`: the offline copy shipped with the backend. */
  kind: 'live' | 'snapshot';
  /** The day the snapshot was taken (`YYYY-MM-DD`); absent for live limits. */
  date?: string;
  /** Said to the user, e.g. `Together's /fine-tunes/models/limits` or `offline snapshot of 2026-12-02`. */
  description: string;
}

/** A backend's verdict on a job before anything is uploaded. */
export interface JobVerdict {
  /** Empty when the job can run. */
  problems: JobProblem[];
  limits: LimitsSource;
  /** The epochs the provider will train: the one asked for, or its default. */
  epochs: number;
  /** How `epochs` was chosen when none was asked for, e.g. `Together's default`. */
  epochsNote?: string;
}

export interface FineTuneJobState {
  id: string;
  status: FineTuneStatus;
  /** The provider's own status string. */
  rawStatus: string;
  resultModel?: string;
  step?: number;
  totalSteps?: number;
  error?: string;
  raw: unknown;
}

export interface ModelLimits {
  maxSeqLength?: number;
  supportsFullTraining?: boolean;
  supportsReasoning?: boolean;
  raw: unknown;
}

export interface DeployRequest {
  model: string;
  hardware: string;
  minReplicas?: number;
  maxReplicas?: number;
}

export interface Deployment {
  id: string;
  name: string;
  state: string;
  hardware?: string;
}

export interface PriceEstimate {
  /** False when the provider could not estimate (see unavailableReason). */
  available: boolean;
  totalPriceUsd?: number;
  trainTokens?: number;
  unavailableReason?: string;
  raw: unknown;
}

export interface HardwareOption {
  id: string;
  /** US cents per minute of one replica, when the provider says. */
  centsPerMinute?: number;
  available?: boolean;
  raw: unknown;
}

/** A trainer: takes checked files, runs a fine-tune, reports its progress, optionally deploys it. */
export interface FineTuneBackend extends PluginBase<'fine-tune-backend'> {
  /** Export format ids this backend trains on. */
  readonly formats: readonly string[];
  /** The LoRA/full choice it offers; absent when the provider has none (asking for one is an error). */
  readonly methods?: readonly FineTuneMethod[];
  check(path: string, options?: CallOptions & { model?: string }): Promise<CheckReport>;
  upload(path: string, options?: CallOptions): Promise<UploadedFile>;
  create(job: FineTuneJobRequest, options?: CallOptions): Promise<{ id: string }>;
  get(id: string, options?: CallOptions): Promise<FineTuneJobState>;
  events(id: string, options?: CallOptions): Promise<FineTuneEvent[]>;
  cancel(id: string, options?: CallOptions): Promise<FineTuneJobState>;
  deploy?(request: DeployRequest, options?: CallOptions): Promise<Deployment>;
  limits?(model: string, options?: CallOptions): Promise<ModelLimits>;
  /**
   * List price in US dollars per million training tokens (tokens x epochs), offline, for plans
   * made before any file is uploaded; undefined when unknown.
   */
  trainingPricePerMillionTokens?(model: string, method: FineTuneMethod): number | undefined;
  /** What the provider says the job would cost (its files must be uploaded). */
  estimatePrice?(job: FineTuneJobRequest, options?: CallOptions): Promise<PriceEstimate>;
  /** Hardware a fine-tune of `model` can be deployed on. */
  listHardware?(model?: string, options?: CallOptions): Promise<HardwareOption[]>;
  getEndpoint?(id: string, options?: CallOptions): Promise<Deployment>;
  /**
   * Everything that would make the provider refuse `job`, checked before any upload: the model
   * is tunable with that method, reasoning data only where supported, hyperparameters in range.
   * Uses the provider's live limits when it has a key, else an offline dated snapshot.
   */
  validateJob?(
    job: FineTuneJobRequest,
    options?: CallOptions & { trainExamples?: number },
  ): Promise<JobVerdict>;
  /** The job created from this uploaded training file, if any (reconciles a train killed mid-way). */
  findJobByTrainingFile?(fileId: string, options?: CallOptions): Promise<FineTuneJobState | undefined>;
  /** Deletes an uploaded file (left behind by a train that failed). */
  deleteFile?(fileId: string, options?: CallOptions): Promise<void>;
  /** The account's dedicated endpoints (they bill by the hour while they run). */
  listEndpoints?(options?: CallOptions): Promise<EndpointInfo[]>;
  /** Stops an endpoint so it stops billing. */
  stopEndpoint?(id: string, options?: CallOptions): Promise<Deployment>;
}

/** A dedicated endpoint as listed by `listEndpoints`. */
export interface EndpointInfo extends Deployment {
  model: string;
}
