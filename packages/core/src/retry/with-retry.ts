import { ProviderError } from '../errors/provider-error';
import { DEFAULT_RETRY_POLICY, type RetryHint, type RetryPolicy, retryDelayMs } from './retry-policy';

export interface RetryInfo {
  /** 1 for the first retry. */
  attempt: number;
  error: unknown;
  delayMs: number;
}

export interface WithRetryOptions {
  policy?: RetryPolicy;
  signal?: AbortSignal | undefined;
  /** Whether an error may be retried. Default: a ProviderError's `retryable` and `retryAfterMs`. */
  classify?: (error: unknown) => RetryHint;
  /** Called before each wait. */
  onRetry?: (info: RetryInfo) => void;
  /** Source of jitter, for tests. */
  random?: () => number;
}

/** Default classification: only ProviderErrors marked retryable are retried. */
export function classifyProviderError(error: unknown): RetryHint {
  if (ProviderError.isInstance(error))
    return { retryable: error.retryable, retryAfterMs: error.retryAfterMs };
  return { retryable: false };
}

/** Resolves after `ms`, or rejects with the signal's reason as soon as it aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/**
 * Runs `fn` until it succeeds, an error is not retryable, or the policy's retries are used up;
 * then the last error is thrown. An aborted signal stops it at once (never retried).
 */
export async function withRetry<T>(
  fn: (attempt: number) => Promise<T>,
  options: WithRetryOptions = {},
): Promise<T> {
  const policy = options.policy ?? DEFAULT_RETRY_POLICY;
  const classify = options.classify ?? classifyProviderError;
  for (let attempt = 0; ; attempt++) {
    try {
      return await fn(attempt);
    } catch (error) {
      if (options.signal?.aborted) throw error;
      const delayMs = retryDelayMs(policy, attempt, classify(error), options.random);
      if (delayMs === null) throw error;
      options.onRetry?.({ attempt: attempt + 1, error, delayMs });
      await sleep(delayMs, options.signal);
    }
  }
}
