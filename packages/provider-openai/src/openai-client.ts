import { type ErrorContext, missingApiKey, type ProviderConnectionOptions } from '@distillery/provider-kit';
import type OpenAI from 'openai';

/**
 * A getter for one lazily made `openai` client (the SDK itself is imported on the first call, so
 * commands that never call OpenAI, such as `distill check`, do not load it) with the SDK's own retries off (retries, timeouts
 * and streams are handled once, per attempt, by the caller). Without a key it throws a
 * ProviderError naming `errors`, unless the server needs none (local servers).
 */
export function lazyOpenAIClient(
  settings: { apiKey: string | undefined; baseURL: string; timeoutMs: number; apiKeyRequired: boolean },
  options: Pick<ProviderConnectionOptions, 'headers' | 'fetch'>,
): (errors: ErrorContext) => Promise<OpenAI> {
  let client: Promise<OpenAI> | undefined;
  return async (errors) => {
    if (!settings.apiKey && settings.apiKeyRequired) throw missingApiKey(errors);
    client ??= import('openai').then(
      ({ default: OpenAI }) =>
        new OpenAI({
          apiKey: settings.apiKey ?? 'not-needed',
          baseURL: settings.baseURL,
          organization: null,
          project: null,
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
