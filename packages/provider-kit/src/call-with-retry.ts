import { ProviderError, type RetryPolicy, withRetry } from '@distillery/core/contracts';
import { attemptSignal } from './attempt-signal';
import { aborted, type ErrorContext, timedOut, toProviderError } from './to-provider-error';

export interface CallWithRetryOptions<T> {
  errors: ErrorContext;
  policy: RetryPolicy;
  timeoutMs: number;
  signal?: AbortSignal | undefined;
  /** One attempt: send the request with `signal` (the attempt's own) and read the answer. */
  call: (signal: AbortSignal) => Promise<T>;
}

/**
 * One request (a whole chat answer, a file or job call) with per-attempt timeouts and retries (429, 5xx, connection errors).
 * Every failure comes out as a ProviderError; an aborted caller signal is never retried.
 */
export async function callWithRetry<T>(options: CallWithRetryOptions<T>): Promise<T> {
  const { errors, signal } = options;
  try {
    return await withRetry(
      async () => {
        const attempt = attemptSignal(signal, options.timeoutMs);
        try {
          return await options.call(attempt.signal);
        } catch (error) {
          if (signal?.aborted) throw aborted(errors, signal.reason);
          if (attempt.timedOut) throw timedOut(errors);
          throw toProviderError(error, errors);
        } finally {
          attempt.dispose();
        }
      },
      { policy: options.policy, signal },
    );
  } catch (error) {
    if (signal?.aborted)
      throw ProviderError.isInstance(error) && error.kind === 'aborted'
        ? error
        : aborted(errors, signal.reason);
    throw toProviderError(error, errors);
  }
}
