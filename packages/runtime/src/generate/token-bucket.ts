import { sleep } from '@distillery/core';

export interface TokenBucketOptions {
  /** Tokens added per minute. */
  perMinute: number;
  /** The most tokens the bucket holds (the burst). Default: one second's worth, at least 1. */
  capacity?: number;
  /** Milliseconds clock; default `performance.now`. */
  now?: () => number;
  /** Waits; default core's abortable `sleep`. */
  wait?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

export interface TokenBucket {
  readonly capacity: number;
  /**
   * Waits until `amount` tokens are there and takes them. Callers are served in order. A request
   * larger than the capacity waits for a full bucket and leaves it in debt, so it cannot block forever.
   */
  take(amount: number, signal?: AbortSignal): Promise<void>;
  /** Gives back (positive) or takes more (negative) after the fact: corrects an estimate. */
  adjust(delta: number): void;
  /** Tokens available now (negative while in debt). */
  available(): number;
}

/** A token bucket rate limiter (requests or tokens per minute), starting full. */
export function createTokenBucket(options: TokenBucketOptions): TokenBucket {
  const perMs = options.perMinute / 60_000;
  if (!(perMs > 0) || !Number.isFinite(perMs)) throw new RangeError('perMinute must be a positive number');
  const capacity = options.capacity ?? Math.max(1, options.perMinute / 60);
  const now = options.now ?? (() => performance.now());
  const wait = options.wait ?? sleep;
  let tokens = capacity;
  let last = now();
  let queue: Promise<void> = Promise.resolve();

  const refill = () => {
    const at = now();
    tokens = Math.min(capacity, tokens + (at - last) * perMs);
    last = at;
  };

  const takeNow = async (amount: number, signal?: AbortSignal) => {
    const need = Math.min(amount, capacity);
    for (;;) {
      signal?.throwIfAborted();
      refill();
      if (tokens >= need - 1e-9) {
        tokens -= amount;
        return;
      }
      await wait(Math.ceil((need - tokens) / perMs), signal);
    }
  };

  return {
    capacity,
    take(amount, signal) {
      const turn = queue.then(() => takeNow(amount, signal));
      queue = turn.catch(() => undefined);
      return turn;
    },
    adjust(delta) {
      refill();
      tokens = Math.min(capacity, tokens + delta);
    },
    available() {
      refill();
      return tokens;
    },
  };
}
