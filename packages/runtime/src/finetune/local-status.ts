/** Raw status of a record whose files are being uploaded and job created (no job id yet). */
export const SUBMITTING = 'local:submitting';
/** Raw status of a record whose train failed before the provider accepted a job. */
export const NOT_SUBMITTED = 'local:not-submitted';
