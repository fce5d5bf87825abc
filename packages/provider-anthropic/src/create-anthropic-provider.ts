import Anthropic from '@anthropic-ai/sdk';
import {
  type CallOptions,
  type ChatRequest,
  type ChatResult,
  type ChatStreamEvent,
  findModel,
  type ModelProvider,
} from '@distillery/core/contracts';
import {
  callWithRetry,
  type ErrorContext,
  mergeCatalog,
  missingApiKey,
  type ProviderConnectionOptions,
  resolveProviderSettings,
  streamInterrupted,
  streamWithRetry,
} from '@distillery/provider-kit';
import {
  AnthropicMessageAccumulator,
  type AnthropicResultContext,
  resultFromMessage,
} from './anthropic-message-accumulator';
import { ANTHROPIC_MODELS, type AnthropicModelInfo } from './anthropic-models';
import { buildAnthropicBody } from './build-anthropic-body';
import { createAnthropicBatch } from './create-anthropic-batch';

/** Connection options (`apiKey`, `baseURL`, `env`, ...) default to `ANTHROPIC_API_KEY` / `ANTHROPIC_BASE_URL`. */
export interface AnthropicProviderOptions extends ProviderConnectionOptions {
  /** Provider id in configs. Default `anthropic`. */
  id?: string;
  /** Extra or overriding catalog entries (matched by id). */
  models?: readonly AnthropicModelInfo[];
  /** Extra HTTP headers on every request (e.g. `anthropic-beta`). */
  headers?: Record<string, string>;
  /**
   * `chat()` streams internally above this `max_tokens` (the SDK refuses long non-streaming
   * requests). Default 16384.
   */
  nonStreamingMaxTokens?: number;
}

export interface AnthropicProvider extends ModelProvider {
  readonly models: readonly AnthropicModelInfo[];
  readonly baseURL: string;
}

export const ANTHROPIC_DEFAULT_BASE_URL = 'https://api.anthropic.com';

/**
 * Claude with extended thinking as a ModelProvider, through the official `@anthropic-ai/sdk`.
 * Works with only `ANTHROPIC_API_KEY` set.
 */
export function createAnthropicProvider(options: AnthropicProviderOptions = {}): AnthropicProvider {
  const id = options.id ?? 'anthropic';
  const label = 'Anthropic';
  const { apiKey, apiKeyEnv, baseURL, timeoutMs, policy, secrets } = resolveProviderSettings(options, {
    apiKeyEnv: 'ANTHROPIC_API_KEY',
    baseURLEnv: 'ANTHROPIC_BASE_URL',
    defaultBaseURL: ANTHROPIC_DEFAULT_BASE_URL,
  });
  const nonStreamingMaxTokens = options.nonStreamingMaxTokens ?? 16_384;
  const models = mergeCatalog(options.models, ANTHROPIC_MODELS);

  let client: Anthropic | undefined;
  const getClient = (ctx: ErrorContext): Anthropic => {
    if (!apiKey) throw missingApiKey(ctx);
    client ??= new Anthropic({
      apiKey,
      authToken: null,
      baseURL,
      // Retries, timeouts and streams are handled here, once, for every attempt.
      maxRetries: 0,
      timeout: timeoutMs,
      logLevel: 'off',
      ...(options.headers ? { defaultHeaders: options.headers } : {}),
      ...(options.fetch ? { fetch: options.fetch } : {}),
    });
    return client;
  };

  const errorContext = (model: string): ErrorContext => ({
    provider: id,
    label,
    model,
    apiKeyEnv,
    baseURLEnv: 'ANTHROPIC_BASE_URL',
    baseURL,
    timeoutMs,
    secrets,
  });

  const prepare = (request: ChatRequest, stream: boolean) => {
    const info = findModel(models, request.model);
    const body = buildAnthropicBody(request, { info, provider: id }, stream);
    const ctx: AnthropicResultContext = {
      model: request.model,
      info,
      toolMode: body.tool_choice !== undefined,
    };
    return { body, ctx };
  };

  function stream(request: ChatRequest, callOptions: CallOptions = {}): AsyncGenerator<ChatStreamEvent> {
    const errors = errorContext(request.model);
    const { body, ctx } = prepare(request, true);
    return streamWithRetry({
      errors,
      policy,
      timeoutMs,
      signal: callOptions.signal,
      open: (signal) => getClient(errors).messages.create({ ...body, stream: true }, { signal }),
      accumulator: () => new AnthropicMessageAccumulator(ctx),
      unfinished: 'the server closed the stream before message_stop',
    });
  }

  async function chat(request: ChatRequest, callOptions: CallOptions = {}): Promise<ChatResult> {
    const errors = errorContext(request.model);
    const { body, ctx } = prepare(request, false);
    if (typeof body.max_tokens === 'number' && body.max_tokens > nonStreamingMaxTokens) {
      // Long requests must stream (the SDK refuses them otherwise): collect the stream's result.
      for await (const event of stream(request, callOptions))
        if (event.type === 'finish') return event.result;
      throw streamInterrupted(errors, 'no result');
    }
    return callWithRetry({
      errors,
      policy,
      timeoutMs,
      signal: callOptions.signal,
      call: async (signal) => {
        const message = await getClient(errors).messages.create(body, { signal });
        return resultFromMessage(message, ctx);
      },
    });
  }

  const batch = createAnthropicBatch({
    providerId: id,
    label,
    models,
    policy,
    timeoutMs,
    client: getClient,
    errorContext,
    params(request) {
      const { stream: _stream, ...params } = prepare(request, false).body;
      return params;
    },
    resultContext: (request) => prepare(request, false).ctx,
  });

  return {
    specificationVersion: 'v1',
    kind: 'model-provider',
    id,
    description: `Anthropic Messages with extended thinking (${baseURL})`,
    models,
    baseURL,
    chat,
    stream,
    batch,
  };
}
