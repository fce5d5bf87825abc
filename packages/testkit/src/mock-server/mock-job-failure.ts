/** How a scripted fine-tune job fails (`server.fineTunes.fail()` / `failNext()`). */
export interface MockJobFailure {
  /** The error text: Together's `job_error` event message, OpenAI's `error.message`. */
  message?: string;
  /** OpenAI `error.code`; default `invalid_training_file` before training starts, else `server_error`. */
  code?: string;
  /** OpenAI `error.param`; default `training_file` before training starts, else null. */
  param?: string | null;
  /**
   * `failNext()` only: the training step at which the job fails instead of completing it (default 1);
   * 0 fails before training starts (OpenAI: while validating files; Together: when it would start running).
   */
  atTrainingStep?: number;
}
