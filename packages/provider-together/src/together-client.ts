import { type ErrorContext, missingApiKey, type ProviderConnectionOptions } from '@distillery/provider-kit';
import Together from 'together-ai';

/**
 * A getter for one lazily made `together-ai` client with the SDK's own retries off (retries,
 * timeouts and streams are handled once, per attempt, by the caller); throws a ProviderError
 * naming `errors` when there is no key.
 */
export function lazyTogetherClient(
  settings: { apiKey: string | undefined; baseURL: string; timeoutMs: number },
  options: Pick<ProviderConnectionOptions, 'headers' | 'fetch'>,
): (errors: ErrorContext) => Together {
  let client: Together | undefined;
  return (errors) => {
    if (!settings.apiKey) throw missingApiKey(errors);
    client ??= new Together({
      apiKey: settings.apiKey,
      baseURL: settings.baseURL,
      maxRetries: 0,
      timeout: settings.timeoutMs,
      logLevel: 'off',
      ...(options.headers ? { defaultHeaders: options.headers } : {}),
      ...(options.fetch ? { fetch: options.fetch } : {}),
    });
    return client;
  };
}
