import type { RetryPolicy } from '@distillery/core/contracts';
import { callWithRetry } from './call-with-retry';
import type { ErrorContext } from './to-provider-error';

export interface BatchControlDeps<Client> {
  policy: RetryPolicy;
  timeoutMs: number;
  /** The SDK client (imported on first use). */
  client(errors: ErrorContext): Client | Promise<Client>;
  errorContext(model: string): ErrorContext;
}

/** One call on a batch API's control routes: what it is about, the caller's signal, the SDK call. */
export type BatchControlCall<Client> = <T>(
  subject: string,
  signal: AbortSignal | undefined,
  fn: (client: Client, signal: AbortSignal) => Promise<T>,
) => Promise<T>;

export interface BatchControlCalls<Client> {
  /** A call retried by the provider's policy (reads, uploads, cancels: safe to repeat). */
  call: BatchControlCall<Client>;
  /**
   * A call sent once, never retried: the batch create, whose answer, if lost, would make a
   * retry submit a second batch (the runtime finds the first through `find` instead).
   */
  once: BatchControlCall<Client>;
}

/** The retried and the once-only calls a batch adapter makes through its SDK client. */
export function batchControlCalls<Client>(deps: BatchControlDeps<Client>): BatchControlCalls<Client> {
  const make =
    (policy: RetryPolicy): BatchControlCall<Client> =>
    (subject, signal, fn) => {
      const errors = { ...deps.errorContext('batch'), subject };
      return callWithRetry({
        errors,
        policy,
        timeoutMs: deps.timeoutMs,
        signal,
        call: async (s) => fn(await deps.client(errors), s),
      });
    };
  return { call: make(deps.policy), once: make({ ...deps.policy, maxRetries: 0 }) };
}
