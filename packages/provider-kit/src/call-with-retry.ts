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
  /**
   * For a call that starts something billed or stored (a fine-tune job, an endpoint, an uploaded
   * file): a failure whose outcome is unknown (a timeout, a 5xx, a dropped connection: the server may
   * have acted before failing) is never simply sent again. Before the retry, `reconcile` looks for
   * what the failed attempt may have made: what it finds is the result; only when it finds nothing
   * is the call sent again. A 429 (nothing was done) retries directly. `since` is when the first
   * attempt whose outcome is unknown was sent (ms, read just before sending): anything that attempt
   * made was created at or after it (allow the server's clock skew, see `createdSince`).
   */
  reconcile?: (signal: AbortSignal, since: number) => Promise<T | undefined>;
}

/** A failure after which the server may or may not have done what was asked. */
export function outcomeUnknown(error: unknown): boolean {
  return (
    ProviderError.isInstance(error) &&
    (error.kind === 'server' ||
      error.kind === 'timeout' ||
      error.kind === 'connection' ||
      error.kind === 'invalid-response' ||
      error.kind === 'stream-interrupted')
  );
}

/**
 * One request (a whole chat answer, a file or job call) with per-attempt timeouts and retries (429, 5xx, connection errors).
 * Every failure comes out as a ProviderError; an aborted caller signal is never retried.
 */
export async function callWithRetry<T>(options: CallWithRetryOptions<T>): Promise<T> {
  const { errors, signal, reconcile } = options;
  /** When the first attempt that may have acted was sent; undefined while none may have. */
  let unknownSince: number | undefined;
  try {
    return await withRetry(
      async () => {
        const attempt = attemptSignal(signal, options.timeoutMs);
        let sentAt: number | undefined;
        try {
          if (unknownSince !== undefined && reconcile) {
            const found = await reconcile(attempt.signal, unknownSince);
            if (found !== undefined) return found;
          }
          sentAt = Date.now();
          return await options.call(attempt.signal);
        } catch (error) {
          if (signal?.aborted) throw aborted(errors, signal.reason);
          const failure = attempt.timedOut ? timedOut(errors) : toProviderError(error, errors);
          if (sentAt !== undefined && outcomeUnknown(failure)) unknownSince ??= sentAt;
          throw failure;
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
