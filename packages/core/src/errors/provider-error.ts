import { isUserErrorNamed, UserError, type UserErrorOptions } from './user-error';

export type ProviderErrorKind =
  | 'auth'
  | 'permission'
  | 'not-found'
  | 'bad-request'
  | 'rate-limit'
  | 'server'
  | 'connection'
  | 'timeout'
  | 'stream-interrupted'
  | 'invalid-response'
  | 'aborted';

export interface ProviderErrorOptions extends UserErrorOptions {
  provider: string;
  model?: string;
  kind: ProviderErrorKind;
  status?: number;
  /** True when the same request may succeed if sent again (rate limits, 5xx, dropped connections). */
  retryable?: boolean;
  /** Milliseconds the server asked us to wait (from retry-after), when it said. */
  retryAfterMs?: number;
}

/**
 * A model provider call that failed. Messages name the provider and model and say what to do;
 * they never contain an API key.
 */
export class ProviderError extends UserError {
  override name = 'ProviderError';
  readonly provider: string;
  readonly model: string | undefined;
  readonly kind: ProviderErrorKind;
  readonly status: number | undefined;
  readonly retryable: boolean;
  readonly retryAfterMs: number | undefined;

  constructor(message: string, options: ProviderErrorOptions) {
    super(message, options);
    this.provider = options.provider;
    this.model = options.model;
    this.kind = options.kind;
    this.status = options.status;
    this.retryable = options.retryable ?? false;
    this.retryAfterMs = options.retryAfterMs;
  }

  static override isInstance(value: unknown): value is ProviderError {
    return isUserErrorNamed(value, 'ProviderError');
  }
}
