import Anthropic from '@anthropic-ai/sdk';
import {
  type CallOptions,
  type ChatRequest,
  type ChatResult,
  type ChatStreamEvent,
  DEFAULT_RETRY_POLICY,
  type ModelProvider,
  ProviderError,
  type RetryPolicy,
  retryDelayMs,
  sleep,
  withRetry,
} from '@distillery/core';
import {
  AnthropicMessageAccumulator,
  type AnthropicResultContext,
  resultFromMessage,
} from './anthropic-message-accumulator';
import { ANTHROPIC_MODELS, type AnthropicModelInfo } from './anthropic-models';
import { attemptSignal } from './attempt-signal';
import { buildAnthropicBody } from './build-anthropic-body';
import { findModel } from './find-model';
import {
  aborted,
  type ErrorContext,
  missingApiKey,
  streamInterrupted,
  timedOut,
  toProviderError,
} from './to-provider-error';

export interface AnthropicProviderOptions {
  /** Provider id in configs. Default `anthropic`. */
  id?: string;
  /** Defaults to env `ANTHROPIC_API_KEY`. */
  apiKey?: string;
  /** Defaults to env `ANTHROPIC_BASE_URL`, then `https://api.anthropic.com`. */
  baseURL?: string;
  /** Environment to read the key and URL from; `process.env` only when not given. */
  env?: Record<string, string | undefined>;
  /** Per-attempt timeout: time to a whole answer, or longest silence inside a stream. Default 10 min. */
  timeoutMs?: number;
  /** Retries after the first attempt (429, 5xx, 529 overloaded, connection errors, broken streams). Default 3. */
  maxRetries?: number;
  /** Backoff settings (full jitter); `maxRetries` above wins over `retry.maxRetries`. */
  retry?: Partial<RetryPolicy>;
  /** Extra or overriding catalog entries (matched by id). */
  models?: readonly AnthropicModelInfo[];
  /** Extra HTTP headers on every request (e.g. `anthropic-beta`). */
  headers?: Record<string, string>;
  /**
   * `chat()` streams internally above this `max_tokens` (the SDK refuses long non-streaming
   * requests). Default 16384.
   */
  nonStreamingMaxTokens?: number;
  /** Custom fetch (proxies, tests). */
  fetch?: typeof fetch;
}

export interface AnthropicProvider extends ModelProvider {
  readonly models: readonly AnthropicModelInfo[];
  readonly baseURL: string;
}

export const ANTHROPIC_DEFAULT_BASE_URL = 'https://api.anthropic.com';
const DEFAULT_TIMEOUT_MS = 600_000;
const nonEmpty = (value: string | undefined) => (value && value.trim() !== '' ? value.trim() : undefined);

function mergeCatalog(
  own: readonly AnthropicModelInfo[] | undefined,
  preset: readonly AnthropicModelInfo[],
): AnthropicModelInfo[] {
  const extra = own ?? [];
  const overridden = new Set(extra.map((m) => m.id.toLowerCase()));
  return [...extra, ...preset.filter((m) => !overridden.has(m.id.toLowerCase()))];
}

/**
 * Claude with extended thinking as a ModelProvider, through the official `@anthropic-ai/sdk`.
 * Works with only `ANTHROPIC_API_KEY` set.
 */
export function createAnthropicProvider(options: AnthropicProviderOptions = {}): AnthropicProvider {
  const env = options.env ?? process.env;
  const id = options.id ?? 'anthropic';
  const label = 'Anthropic';
  const apiKey = nonEmpty(options.apiKey) ?? nonEmpty(env.ANTHROPIC_API_KEY);
  const baseURL = (
    nonEmpty(options.baseURL) ??
    nonEmpty(env.ANTHROPIC_BASE_URL) ??
    ANTHROPIC_DEFAULT_BASE_URL
  ).replace(/\/+$/, '');
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const nonStreamingMaxTokens = options.nonStreamingMaxTokens ?? 16_384;
  const policy: RetryPolicy = {
    ...DEFAULT_RETRY_POLICY,
    ...options.retry,
    ...(options.maxRetries !== undefined ? { maxRetries: options.maxRetries } : {}),
  };
  const models = mergeCatalog(options.models, ANTHROPIC_MODELS);
  const secrets = apiKey ? [apiKey] : [];

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
    apiKeyEnv: 'ANTHROPIC_API_KEY',
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

  async function* stream(
    request: ChatRequest,
    callOptions: CallOptions = {},
  ): AsyncGenerator<ChatStreamEvent> {
    const { signal } = callOptions;
    const errors = errorContext(request.model);
    const { body, ctx } = prepare(request, true);
    for (let retries = 0; ; retries++) {
      const attempt = attemptSignal(signal, timeoutMs);
      let failure: ProviderError;
      try {
        const sdk = getClient(errors);
        let phase: 'request' | 'stream' = 'request';
        try {
          const events = await sdk.messages.create(
            body as unknown as Anthropic.MessageCreateParamsStreaming,
            {
              signal: attempt.signal,
            },
          );
          phase = 'stream';
          attempt.touch();
          const accumulator = new AnthropicMessageAccumulator(ctx);
          for await (const event of events) {
            attempt.touch();
            for (const out of accumulator.push(event)) yield out;
          }
          // The SDK ends quietly when the connection is aborted or closed: check why it ended.
          if (signal?.aborted) throw aborted(errors, signal.reason);
          if (attempt.timedOut) throw timedOut(errors);
          if (!accumulator.finished)
            throw streamInterrupted(errors, 'the server closed the stream before message_stop');
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
      const delay = retryDelayMs(policy, retries, failure);
      if (delay === null || failure.kind === 'aborted') throw failure;
      yield { type: 'retry', attempt: retries + 1, reason: failure.message };
      try {
        await sleep(delay, signal);
      } catch {
        throw aborted(errors, signal?.reason);
      }
    }
  }

  async function chat(request: ChatRequest, callOptions: CallOptions = {}): Promise<ChatResult> {
    const { signal } = callOptions;
    const errors = errorContext(request.model);
    const { body, ctx } = prepare(request, false);
    if (typeof body.max_tokens === 'number' && body.max_tokens > nonStreamingMaxTokens) {
      // Long requests must stream (the SDK refuses them otherwise): collect the stream's result.
      for await (const event of stream(request, callOptions))
        if (event.type === 'finish') return event.result;
      throw streamInterrupted(errors, 'no result');
    }
    try {
      return await withRetry(
        async () => {
          const sdk = getClient(errors);
          const attempt = attemptSignal(signal, timeoutMs);
          try {
            const message = await sdk.messages.create(
              body as unknown as Anthropic.MessageCreateParamsNonStreaming,
              {
                signal: attempt.signal,
              },
            );
            return resultFromMessage(message as unknown as Record<string, unknown>, ctx);
          } catch (error) {
            if (signal?.aborted) throw aborted(errors, signal.reason);
            if (attempt.timedOut) throw timedOut(errors);
            throw toProviderError(error, errors);
          } finally {
            attempt.dispose();
          }
        },
        { policy, signal },
      );
    } catch (error) {
      if (signal?.aborted)
        throw ProviderError.isInstance(error) && error.kind === 'aborted'
          ? error
          : aborted(errors, signal.reason);
      throw toProviderError(error, errors);
    }
  }

  return {
    specificationVersion: 'v1',
    kind: 'model-provider',
    id,
    description: `Anthropic Messages with extended thinking (${baseURL})`,
    models,
    baseURL,
    chat,
    stream,
  };
}
