import type { FineTuneEvent, FineTuneMethod, FineTuneStatus } from '../../../schema/fine-tune';
import type { CallOptions } from '../../model-provider/v1/model-provider-v1';
import type { PluginBase } from '../../plugin-base';
import type { CheckReport } from './check-report-v1';

/**
 * The markers a student family writes reasoning inline with, as the lint looks for them in an
 * assistant message's content: `[THINK]`/`[/THINK]` (Magistral), `<seed:think>`/`</seed:think>`
 * (Seed-OSS). Default `<think>`/`</think>`.
 */
export interface InlineReasoningMarkers {
  open: string;
  close: string;
}

/** How strictly a trainer checks a file; every field optional, the trainer's defaults otherwise. */
export interface TrainerCheckOptions extends CallOptions {
  /** The base model the file will train: sets limits such as the maximum sequence length. */
  model?: string;
  /** Lint findings are errors too (planning a fine-tune uses this). */
  strict?: boolean;
  /** A reasoning-strategy file: a final assistant turn without reasoning is a finding. */
  expectReasoning?: boolean;
  /**
   * The student family's inline reasoning markers, for files that carry reasoning in the content
   * (the R1 layout): the lint checks these instead of `<think>`/`</think>`.
   */
  inlineReasoning?: InlineReasoningMarkers;
  /** A validation file: examples that also appear in it are reported. */
  against?: string;
  /** Examples estimated above this many tokens are reported as too long. */
  maxSeqLength?: number;
  /** Keep at most this many errors and this many warnings (all are counted). */
  maxFindings?: number;
}

export interface FineTuneJobRequest {
  baseModel: string;
  /** A local path (the trainer checks and, if it has files, uploads it) or a provider file id. */
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

/** Options of `create`. */
export interface CreateJobOptions extends CallOptions {
  /**
   * Whether the caller already tracks a job (the project's store has a fine-tune with that id).
   * A create that retries after a failure of unknown outcome never takes such a job for the one
   * its failed attempt may have started: it is someone's deliberate job.
   */
  isKnownJob?: (jobId: string) => boolean | Promise<boolean>;
}

export interface FineTuneJobState {
  id: string;
  status: FineTuneStatus;
  /** The provider's own status string. */
  rawStatus: string;
  /** The trained model: a provider model id, or a local folder for local trainers. */
  resultModel?: string;
  step?: number;
  totalSteps?: number;
  error?: string;
  raw: unknown;
}

/**
 * A trainer, fine-tune backend contract v1: checks a training file with its own rules, starts a
 * fine-tune, reports its state and events, cancels it. What else a backend can do (upload files,
 * deploy, list hardware, model limits, prices) are separate optional capabilities
 * (`TrainerFilesV1`, `TrainerDeploymentsV1`, ...), named in its manifest's `capabilities`.
 */
export interface TrainerV1 extends PluginBase<'fine-tune-backend'> {
  /** Export format ids this trainer trains on, in order of preference. */
  readonly formats: readonly string[];
  /** Id of the model provider that calls this trainer's fine-tunes (recorded on each fine-tune). */
  readonly provider: string;
  /** The LoRA/full choice it offers; absent when the provider has none (asking for one is an error). */
  readonly methods?: readonly FineTuneMethod[];
  /** Base models it fine-tunes, for pickers (a starting list: the provider may accept others). */
  readonly baseModels?: readonly string[];
  /** Checks a local training file with every rule the trainer enforces; never throws for bad data. */
  check(path: string, options?: TrainerCheckOptions): Promise<CheckReport>;
  create(job: FineTuneJobRequest, options?: CreateJobOptions): Promise<{ id: string }>;
  get(id: string, options?: CallOptions): Promise<FineTuneJobState>;
  events(id: string, options?: CallOptions): Promise<FineTuneEvent[]>;
  cancel(id: string, options?: CallOptions): Promise<FineTuneJobState>;
}
