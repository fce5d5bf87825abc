import { type ErrorContext, missingApiKey, type ProviderConnectionOptions } from '@distillery/provider-kit';
import type Together from 'together-ai';

/**
 * A getter for one lazily made `together-ai` client (the SDK itself is imported on the first call,
 * so commands that never call Together, such as `distill check`, do not load it) with the SDK's own retries off (retries,
 * timeouts and streams are handled once, per attempt, by the caller); throws a ProviderError
 * naming `errors` when there is no key.
 */
export function lazyTogetherClient(
  settings: { apiKey: string | undefined; baseURL: string; timeoutMs: number },
  options: Pick<ProviderConnectionOptions, 'headers' | 'fetch'>,
): (errors: ErrorContext) => Promise<Together> {
  let client: Promise<Together> | undefined;
  return async (errors) => {
    if (!settings.apiKey) throw missingApiKey(errors);
    client ??= import('together-ai').then(
      ({ default: Together }) =>
        new Together({
          apiKey: settings.apiKey,
          baseURL: settings.baseURL,
          maxRetries: 0,
          timeout: settings.timeoutMs,
          logLevel: 'off',
          ...(options.headers ? { defaultHeaders: options.headers } : {}),
          ...(options.fetch ? { fetch: options.fetch } : {}),
        }),
    );
    return client;
  };
}
