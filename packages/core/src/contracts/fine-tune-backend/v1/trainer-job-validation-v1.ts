import type { CallOptions } from '../../model-provider/v1/model-provider-v1';
import type { FineTuneJobRequest } from './trainer-v1';

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

/**
 * Capability `job-validation`: everything that would make the provider refuse a job, checked
 * before any upload (the model is tunable with that method, reasoning data only where supported,
 * hyperparameters in range), from live limits when it has a key, else an offline dated snapshot.
 */
export interface TrainerJobValidationV1 {
  validateJob(
    job: FineTuneJobRequest,
    options?: CallOptions & { trainExamples?: number },
  ): Promise<JobVerdict>;
}
