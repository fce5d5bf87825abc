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
  /** Training methods it offers; absent means both LoRA and full. Front ends offer only these. */
  readonly methods?: readonly FineTuneMethod[];
  /** Base models it fine-tunes, for pickers (a starting list: the provider may accept others). */
  readonly baseModels?: readonly string[];
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
}
