import { InputError } from '@distillery/core';

/** Rate limits pace direct calls; a batch is paced by the provider, and limited by its queue quota. */
export function refuseRateLimitsWithBatch(options: {
  rpm?: string | undefined;
  tpm?: string | undefined;
}): void {
  const flag = options.rpm !== undefined ? '--rpm' : options.tpm !== undefined ? '--tpm' : undefined;
  if (!flag) return;
  throw new InputError(`${flag} paces direct calls; it does not apply to --batch.`, {
    advice:
      "Drop it: the provider paces a batch itself. To stay under the provider's queue quota, use --max-enqueued-tokens.",
  });
}
