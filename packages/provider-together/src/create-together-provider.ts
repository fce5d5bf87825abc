import {
  type CallOptions,
  type ChatRequest,
  type ChatResult,
  type ChatStreamEvent,
  DEFAULT_RETRY_POLICY,
  type ModelInfo,
  type ModelProvider,
  ProviderError,
  type RetryPolicy,
  retryDelayMs,
  sleep,
  withRetry,
} from '@distillery/core';
import Together from 'together-ai';
import { attemptSignal } from './attempt-signal';
import { buildTogetherBody } from './build-together-body';
import { ChatStreamAccumulator } from './chat-stream-accumulator';
import { findModel } from './find-model';
import { type ResultContext, readChatCompletion } from './read-chat-completion';
import {
  aborted,
  type ErrorContext,
  missingApiKey,
  streamInterrupted,
  timedOut,
  toProviderError,
} from './to-provider-error';
import { TOGETHER_MODELS } from './together-models';

export interface TogetherProviderOptions {
  /** Provider id in configs. Default `together`. */
  id?: string;
  /** Defaults to env `TOGETHER_API_KEY`. */
  apiKey?: string;
  /** Defaults to env `TOGETHER_BASE_URL`, then `https://api.together.ai/v1`. */
  baseURL?: string;
  /** Environment to read the key and URL from; `process.env` only when not given. */
  env?: Record<string, string | undefined>;
  /** Per-attempt timeout: time to a whole answer, or longest silence inside a stream. Default 10 min. */
  timeoutMs?: number;
  /** Retries after the first attempt (429, 5xx, connection errors, broken streams). Default 3. */
  maxRetries?: number;
  /** Backoff settings (full jitter); `maxRetries` above wins over `retry.maxRetries`. */
  retry?: Partial<RetryPolicy>;
  /** Extra or overriding catalog entries (matched by id). */
  models?: readonly ModelInfo[];
  /** Extra HTTP headers on every request. */
  headers?: Record<string, string>;
  /** Send an assistant message's `reasoning` back in later turns (Together accepts it). Default false. */
  replayReasoning?: boolean;
  /** Custom fetch (proxies, tests). */
  fetch?: typeof fetch;
}

export interface TogetherProvider extends ModelProvider {
  readonly models: readonly ModelInfo[];
  readonly baseURL: string;
}

export const TOGETHER_DEFAULT_BASE_URL = 'https://api.together.ai/v1';
const DEFAULT_TIMEOUT_MS = 600_000;
const nonEmpty = (value: string | undefined) => (value && value.trim() !== '' ? value.trim() : undefined);

function mergeCatalog(own: readonly ModelInfo[] | undefined, preset: readonly ModelInfo[]): ModelInfo[] {
  const extra = own ?? [];
  const overridden = new Set(extra.map((m) => m.id.toLowerCase()));
  return [...extra, ...preset.filter((m) => !overridden.has(m.id.toLowerCase()))];
}

/**
 * Together chat as a ModelProvider, through the official `together-ai` SDK's
 * `chat.completions.create` (its chat part works under ESM; only files/check-file do not).
 * Works with only `TOGETHER_API_KEY` set.
 */
export function createTogetherProvider(options: TogetherProviderOptions = {}): TogetherProvider {
  const env = options.env ?? process.env;
  const id = options.id ?? 'together';
  const label = 'Together';
  const apiKey = nonEmpty(options.apiKey) ?? nonEmpty(env.TOGETHER_API_KEY);
  const baseURL = (
    nonEmpty(options.baseURL) ??
    nonEmpty(env.TOGETHER_BASE_URL) ??
    TOGETHER_DEFAULT_BASE_URL
  ).replace(/\/+$/, '');
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const policy: RetryPolicy = {
    ...DEFAULT_RETRY_POLICY,
    ...options.retry,
    ...(options.maxRetries !== undefined ? { maxRetries: options.maxRetries } : {}),
  };
  const models = mergeCatalog(options.models, TOGETHER_MODELS);
  const secrets = apiKey ? [apiKey] : [];

  let client: Together | undefined;
  const getClient = (ctx: ErrorContext): Together => {
    if (!apiKey) throw missingApiKey(ctx);
    client ??= new Together({
      apiKey,
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
    apiKeyEnv: 'TOGETHER_API_KEY',
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

  async function chat(request: ChatRequest, callOptions: CallOptions = {}): Promise<ChatResult> {
    const { signal } = callOptions;
    const errors = errorContext(request.model);
    const ctx = resultContext(request);
    const body = bodyFor(request, ctx, false);
    try {
      return await withRetry(
        async () => {
          const sdk = getClient(errors);
          const attempt = attemptSignal(signal, timeoutMs);
          try {
            const completion = await sdk.chat.completions.create(
              body as unknown as Together.Chat.CompletionCreateParamsNonStreaming,
              { signal: attempt.signal },
            );
            return readChatCompletion(completion, ctx);
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

  async function* stream(
    request: ChatRequest,
    callOptions: CallOptions = {},
  ): AsyncGenerator<ChatStreamEvent> {
    const { signal } = callOptions;
    const errors = errorContext(request.model);
    const ctx = resultContext(request);
    const body = bodyFor(request, ctx, true);
    for (let retries = 0; ; retries++) {
      const attempt = attemptSignal(signal, timeoutMs);
      let failure: ProviderError;
      try {
        const sdk = getClient(errors);
        let phase: 'request' | 'stream' = 'request';
        try {
          const chunks = await sdk.chat.completions.create(
            body as unknown as Together.Chat.CompletionCreateParamsStreaming,
            { signal: attempt.signal },
          );
          phase = 'stream';
          attempt.touch();
          const accumulator = new ChatStreamAccumulator(ctx);
          for await (const chunk of chunks) {
            attempt.touch();
            for (const event of accumulator.push(chunk)) yield event;
          }
          // The SDK ends quietly when the connection is aborted or closed: check why it ended.
          if (signal?.aborted) throw aborted(errors, signal.reason);
          if (attempt.timedOut) throw timedOut(errors);
          if (!accumulator.finished)
            throw streamInterrupted(errors, 'the server closed the stream without a finish_reason');
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

  return {
    specificationVersion: 'v1',
    kind: 'model-provider',
    id,
    description: `Together chat completions (${baseURL})`,
    models,
    baseURL,
    chat,
    stream,
  };
}
