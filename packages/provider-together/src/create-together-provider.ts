import { type ChatRequest, findModel, type ModelInfo, type ModelProvider } from '@distillery/core/contracts';
import {
  chatCompletionsMethods,
  type ErrorContext,
  mergeCatalog,
  missingApiKey,
  type ProviderConnectionOptions,
  type ResultContext,
  resolveProviderSettings,
} from '@distillery/provider-kit';
import { buildTogetherBody } from './build-together-body';
import { createTogetherBatch } from './create-together-batch';
import { lazyTogetherClient } from './together-client';
import { TOGETHER_MODELS } from './together-models';

/** Connection options (`apiKey`, `baseURL`, `env`, ...) default to `TOGETHER_API_KEY` / `TOGETHER_BASE_URL`. */
export interface TogetherProviderOptions extends ProviderConnectionOptions {
  /** Provider id in configs. Default `together`. */
  id?: string;
  /** Extra or overriding catalog entries (matched by id). */
  models?: readonly ModelInfo[];
  /** Send an assistant message's `reasoning` back in later turns (Together accepts it). Default false. */
  replayReasoning?: boolean;
}

export interface TogetherProvider extends ModelProvider {
  readonly models: readonly ModelInfo[];
  readonly baseURL: string;
}

export const TOGETHER_DEFAULT_BASE_URL = 'https://api.together.ai/v1';
/** Where Together's key and URL come from. */
export const TOGETHER_SETTINGS = {
  apiKeyEnv: 'TOGETHER_API_KEY',
  baseURLEnv: 'TOGETHER_BASE_URL',
  defaultBaseURL: TOGETHER_DEFAULT_BASE_URL,
} as const;

/**
 * Together chat as a ModelProvider, through the official `together-ai` SDK's
 * `chat.completions.create` (its chat part works under ESM; only files/check-file do not).
 * Works with only `TOGETHER_API_KEY` set.
 */
export function createTogetherProvider(options: TogetherProviderOptions = {}): TogetherProvider {
  const id = options.id ?? 'together';
  const label = 'Together';
  const { apiKey, apiKeyEnv, baseURL, timeoutMs, policy, secrets } = resolveProviderSettings(
    options,
    TOGETHER_SETTINGS,
  );
  const models = mergeCatalog(options.models, TOGETHER_MODELS);

  const getClient = lazyTogetherClient({ apiKey, baseURL, timeoutMs }, options);

  const errorContext = (model: string): ErrorContext => ({
    provider: id,
    label,
    model,
    apiKeyEnv,
    baseURLEnv: 'TOGETHER_BASE_URL',
    baseURL,
    timeoutMs,
    secrets,
  });

  const resultContext = (request: ChatRequest): ResultContext => ({
    model: request.model,
    info: findModel(models, request.model),
    fallbackExposure: 'none',
    toolMode: request.structuredOutput?.mode === 'tool',
  });

  const bodyFor = (request: ChatRequest, _ctx: ResultContext, stream: boolean) =>
    buildTogetherBody(request, stream, options.replayReasoning ?? false);

  const { chat, stream } = chatCompletionsMethods({
    policy,
    timeoutMs,
    errorContext,
    resultContext,
    body: bodyFor,
    complete: async (body, signal, errors) =>
      (await getClient(errors)).chat.completions.create(body, { signal }),
    openStream: async (body, signal, errors) =>
      (await getClient(errors)).chat.completions.create({ ...body, stream: true }, { signal }),
  });

  const batch = createTogetherBatch({
    providerId: id,
    label,
    policy,
    timeoutMs,
    client: getClient,
    errorContext,
    resultContext,
    body: (request) => bodyFor(request, resultContext(request), false),
    upload: (errors) => {
      if (!apiKey) throw missingApiKey(errors);
      return {
        baseURL,
        apiKey,
        fetch: options.fetch ?? globalThis.fetch,
        policy,
        timeoutMs,
        uploadTimeoutMs: timeoutMs * 10,
        headers: options.headers,
      };
    },
  });

  return {
    specificationVersion: 'v1',
    kind: 'model-provider',
    id,
    description: `Together chat completions (${baseURL})`,
    models,
    baseURL,
    chat,
    stream,
    batch,
  };
}
