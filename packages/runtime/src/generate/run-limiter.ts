import type { ModelProvider } from '@distillery/core';
import { createOutputEstimator, type RateLimits, rateLimitedProvider } from './rate-limited-provider';
import { createTokenBucket } from './token-bucket';

export interface RunLimitOptions {
  requestsPerMinute?: number | undefined;
  tokensPerMinute?: number | undefined;
}

/**
 * One set of request and token rate limits for every model call of a run: `limited(provider)`
 * wraps each provider once (the same wrapper for every call), all sharing the buckets and the
 * output-token estimate.
 */
export function createRunLimiter(options: RunLimitOptions): (provider: ModelProvider) => ModelProvider {
  const limits: RateLimits = {
    ...(options.requestsPerMinute
      ? { requests: createTokenBucket({ perMinute: options.requestsPerMinute }) }
      : {}),
    ...(options.tokensPerMinute ? { tokens: createTokenBucket({ perMinute: options.tokensPerMinute }) } : {}),
  };
  const estimator = createOutputEstimator();
  const wrapped = new Map<ModelProvider, ModelProvider>();
  return (provider) => {
    let found = wrapped.get(provider);
    if (!found) {
      found = rateLimitedProvider(provider, limits, estimator);
      wrapped.set(provider, found);
    }
    return found;
  };
}
