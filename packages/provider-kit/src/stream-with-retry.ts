import {
  type ChatResult,
  type ChatStreamEvent,
  type ProviderError,
  type RetryPolicy,
  retryDelayMs,
  sleep,
} from '@distillery/core/contracts';
import { attemptSignal } from './attempt-signal';
import {
  aborted,
  type ErrorContext,
  streamInterrupted,
  timedOut,
  toProviderError,
} from './to-provider-error';

/** Turns a provider's stream chunks into events and, once finished, one result. */
export interface StreamAccumulator {
  push(chunk: unknown): ChatStreamEvent[];
  /** True once the server said the answer is complete. */
  readonly finished: boolean;
  result(): ChatResult;
}

export interface StreamWithRetryOptions {
  errors: ErrorContext;
  policy: RetryPolicy;
  /** Longest silence: before the first chunk and between chunks. */
  timeoutMs: number;
  signal?: AbortSignal | undefined;
  /** One attempt: open the stream with `signal` (the attempt's own). */
  open: (signal: AbortSignal) => Promise<AsyncIterable<unknown>>;
  /** A fresh accumulator per attempt. */
  accumulator: () => StreamAccumulator;
  /** Why a stream that ended without finishing is broken, e.g. `no finish_reason`. */
  unfinished: string;
}

/**
 * Streams with the ModelProvider contract: deltas as they come, exactly one `finish` event, and
 * a stream that breaks (dropped connection, silence, end without a finish) retried after a
 * `retry` event or thrown as a ProviderError; it never ends as if complete.
 */
export async function* streamWithRetry(options: StreamWithRetryOptions): AsyncGenerator<ChatStreamEvent> {
  const { errors, signal } = options;
  for (let retries = 0; ; retries++) {
    const attempt = attemptSignal(signal, options.timeoutMs);
    let failure: ProviderError;
    try {
      let phase: 'request' | 'stream' = 'request';
      try {
        const chunks = await options.open(attempt.signal);
        phase = 'stream';
        attempt.touch();
        const accumulator = options.accumulator();
        for await (const chunk of chunks) {
          attempt.touch();
          for (const event of accumulator.push(chunk)) yield event;
        }
        // SDKs end quietly when the connection is aborted or closed: check why it ended.
        if (signal?.aborted) throw aborted(errors, signal.reason);
        if (attempt.timedOut) throw timedOut(errors);
        if (!accumulator.finished) throw streamInterrupted(errors, options.unfinished);
        yield { type: 'finish', result: accumulator.result() };
        return;
      } catch (error) {
        if (signal?.aborted) throw aborted(errors, signal.reason);
        if (attempt.timedOut) throw timedOut(errors);
        throw toProviderError(error, errors, phase);
      }
    } catch (error) {
      failure = toProviderError(error, errors);
    } finally {
      attempt.dispose();
    }
    const delay = retryDelayMs(options.policy, retries, failure);
    if (delay === null || failure.kind === 'aborted') throw failure;
    yield { type: 'retry', attempt: retries + 1, reason: failure.message };
    try {
      await sleep(delay, signal);
    } catch {
      throw aborted(errors, signal?.reason);
    }
  }
}
