import { type BatchLimitsV1, type BatchSubmissionV1, ProviderError } from '@distillery/core/contracts';

/** Metadata limits of an API that takes batch metadata (OpenAI: 16 pairs, keys 64, values 512 characters). */
export interface BatchMetadataLimits {
  pairs: number;
  keyLength: number;
  valueLength: number;
}

export interface BatchSubmissionRules {
  provider: string;
  label: string;
  limits: BatchLimitsV1;
  /** Where the API takes metadata; absent where it takes none (the metadata is then not sent). */
  metadata?: BatchMetadataLimits;
}

/**
 * Checks a submission against what the provider's batch API refuses, before anything is uploaded
 * or created: at least one and at most `maxRequests` requests, custom ids of 1 to
 * `maxCustomIdLength` characters of `[A-Za-z0-9_-]` and unique within the batch, one model (the
 * submission's) for every request, and metadata within the API's limits. Throws a ProviderError
 * (`bad-request`, no HTTP status: nothing reached the provider) naming the first problem.
 */
export function assertBatchSubmission(submission: BatchSubmissionV1, rules: BatchSubmissionRules): void {
  const refuse = (problem: string): never => {
    throw new ProviderError(
      `${rules.label} would refuse this batch: ${problem}. Nothing was uploaded or submitted; this is a bug in how the batch was planned, please report it.`,
      { provider: rules.provider, model: submission.model, kind: 'bad-request' },
    );
  };
  const { requests } = submission;
  const { maxRequests, maxCustomIdLength } = rules.limits;
  if (requests.length === 0) refuse('it has no requests');
  if (requests.length > maxRequests) refuse(`it has ${requests.length} requests, more than ${maxRequests}`);
  const pattern = new RegExp(`^[A-Za-z0-9_-]{1,${maxCustomIdLength}}$`);
  const seen = new Set<string>();
  requests.forEach(({ customId, request }, index) => {
    if (!pattern.test(customId))
      refuse(
        `request ${index + 1} has custom id ${JSON.stringify(customId.slice(0, 80))}, which is not 1 to ${maxCustomIdLength} characters of [A-Za-z0-9_-]`,
      );
    if (seen.has(customId)) refuse(`custom id ${customId} is used twice (request ${index + 1})`);
    seen.add(customId);
    if (request.model !== submission.model)
      refuse(
        `request ${index + 1} (${customId}) is for model ${request.model}, but a batch holds one model (${submission.model})`,
      );
  });
  const limits = rules.metadata;
  if (!limits) return;
  const entries = Object.entries(submission.metadata);
  if (entries.length > limits.pairs)
    refuse(`its metadata has ${entries.length} pairs, more than ${limits.pairs}`);
  for (const [key, value] of entries) {
    if (key.length > limits.keyLength)
      refuse(
        `metadata key ${JSON.stringify(key.slice(0, 80))} is longer than ${limits.keyLength} characters`,
      );
    if (value.length > limits.valueLength)
      refuse(`metadata value of ${key} is ${value.length} characters, more than ${limits.valueLength}`);
  }
}
