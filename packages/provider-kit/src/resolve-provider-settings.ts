import { DEFAULT_RETRY_POLICY, type RetryPolicy } from '@distillery/core/contracts';

/** The connection options every provider plugin takes. */
export interface ProviderConnectionOptions {
  /** Defaults to the provider's API key variable in `env` (e.g. `TOGETHER_API_KEY`). */
  apiKey?: string;
  /** The variable the key is read from instead of the provider's own (a config's `apiKeyEnv`); errors name it. */
  apiKeyEnv?: string;
  /** Defaults to the provider's base URL variable in `env`, then its public URL. */
  baseURL?: string;
  /** Environment to read the key and URL from; `process.env` only when not given. */
  env?: Record<string, string | undefined>;
  /** Per-attempt timeout: time to a whole answer, or longest silence inside a stream. Default 10 min. */
  timeoutMs?: number;
  /** Retries after the first attempt (429, 5xx, connection errors, broken streams). Default 3. */
  maxRetries?: number;
  /** Backoff settings (full jitter); `maxRetries` wins over `retry.maxRetries`. */
  retry?: Partial<RetryPolicy>;
  /** Extra HTTP headers on every request. */
  headers?: Record<string, string>;
  /** Custom fetch (proxies, tests). */
  fetch?: typeof fetch;
}

export interface ProviderSettingsDefaults {
  apiKeyEnv: string;
  baseURLEnv: string;
  defaultBaseURL: string;
}

export interface ResolvedProviderSettings {
  apiKey: string | undefined;
  /** The variable the key comes from (`options.apiKeyEnv`, else the provider's own), for messages. */
  apiKeyEnv: string;
  /** Without trailing slashes. */
  baseURL: string;
  timeoutMs: number;
  policy: RetryPolicy;
  /** Strings error messages must never contain (the API key). */
  secrets: readonly string[];
  env: Record<string, string | undefined>;
}

export const DEFAULT_TIMEOUT_MS = 600_000;

/** A trimmed string, or undefined when empty or blank. */
export const nonEmpty = (value: string | undefined): string | undefined =>
  value && value.trim() !== '' ? value.trim() : undefined;

/** Options first, then the environment, then the defaults. */
export function resolveProviderSettings(
  options: ProviderConnectionOptions,
  defaults: ProviderSettingsDefaults,
): ResolvedProviderSettings {
  const env = options.env ?? process.env;
  const apiKeyEnv = nonEmpty(options.apiKeyEnv) ?? defaults.apiKeyEnv;
  const apiKey = nonEmpty(options.apiKey) ?? nonEmpty(env[apiKeyEnv]);
  const baseURL = (
    nonEmpty(options.baseURL) ??
    nonEmpty(env[defaults.baseURLEnv]) ??
    defaults.defaultBaseURL
  ).replace(/\/+$/, '');
  return {
    apiKey,
    apiKeyEnv,
    baseURL,
    timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    policy: {
      ...DEFAULT_RETRY_POLICY,
      ...options.retry,
      ...(options.maxRetries !== undefined ? { maxRetries: options.maxRetries } : {}),
    },
    secrets: apiKey ? [apiKey] : [],
    env,
  };
}
