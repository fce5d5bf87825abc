/**
 * How a failed model call is retried: exponential backoff with full jitter, honouring the
 * server's retry-after hint up to a cap. Pure: no timers, no I/O.
 */
export interface RetryPolicy {
  /** Retries after the first attempt (0 disables retrying). */
  maxRetries: number;
  /** Upper bound of the first backoff window, in milliseconds. */
  initialDelayMs: number;
  /** Upper bound of any backoff window, in milliseconds. */
  maxDelayMs: number;
  /**
   * The longest server-requested wait (retry-after) that is honoured. A longer request gives up
   * at once with the error instead of sleeping for minutes.
   */
  maxRetryAfterMs: number;
}

export const DEFAULT_RETRY_POLICY: Readonly<RetryPolicy> = Object.freeze({
  maxRetries: 3,
  initialDelayMs: 500,
  maxDelayMs: 8_000,
  maxRetryAfterMs: 60_000,
});

/** What the caller knows about one failure. */
export interface RetryHint {
  retryable: boolean;
  /** Milliseconds the server asked to wait, when it said. */
  retryAfterMs?: number | undefined;
}

/**
 * The wait before retry number `retriesDone + 1`, or null when the call must not be retried (not
 * retryable, retries used up, or the server asked for a wait longer than `maxRetryAfterMs`).
 * Without a server hint the wait is uniform in [0, min(maxDelayMs, initialDelayMs * 2^retriesDone)].
 */
export function retryDelayMs(
  policy: RetryPolicy,
  retriesDone: number,
  hint: RetryHint,
  random: () => number = Math.random,
): number | null {
  if (!hint.retryable || retriesDone >= policy.maxRetries) return null;
  if (hint.retryAfterMs !== undefined && Number.isFinite(hint.retryAfterMs)) {
    const wait = Math.max(0, hint.retryAfterMs);
    return wait > policy.maxRetryAfterMs ? null : wait;
  }
  const window = Math.min(policy.maxDelayMs, policy.initialDelayMs * 2 ** retriesDone);
  return Math.floor(random() * window);
}

/** The few header reads retry-after parsing needs (a fetch `Headers` fits). */
export interface HeaderReader {
  get(name: string): string | null;
}

/**
 * Milliseconds the server asked to wait: `retry-after-ms` (milliseconds), else `retry-after`
 * (seconds, or an HTTP date relative to `nowMs`). Undefined when absent or unreadable.
 */
export function parseRetryAfterMs(
  headers: HeaderReader | undefined | null,
  nowMs: number = Date.now(),
): number | undefined {
  if (!headers || typeof headers.get !== 'function') return undefined;
  const ms = headers.get('retry-after-ms');
  if (ms !== null && ms.trim() !== '') {
    const value = Number(ms);
    if (Number.isFinite(value) && value >= 0) return value;
  }
  const after = headers.get('retry-after');
  if (after === null || after.trim() === '') return undefined;
  const seconds = Number(after);
  if (Number.isFinite(seconds)) return seconds >= 0 ? seconds * 1000 : undefined;
  const date = Date.parse(after);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - nowMs);
}
