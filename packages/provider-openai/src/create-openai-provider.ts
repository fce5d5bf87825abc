import {
  type CallOptions,
  type ChatRequest,
  type ChatResult,
  type ChatStreamEvent,
  DEFAULT_RETRY_POLICY,
  type ModelInfo,
  type ModelProvider,
  ProviderError,
  type ReasoningExposure,
  type RetryPolicy,
  retryDelayMs,
  sleep,
  withRetry,
} from '@distillery/core';
import OpenAI from 'openai';
import { attemptSignal } from './attempt-signal';
import { buildChatBody } from './build-chat-body';
import { ChatStreamAccumulator } from './chat-stream-accumulator';
import { findModel } from './find-model';
import {
  isPresetId,
  OPENAI_COMPATIBLE_PRESETS,
  type OpenAICompatiblePreset,
  type OpenAICompatiblePresetId,
} from './openai-presets';
import { type ResultContext, readChatCompletion } from './read-chat-completion';
import {
  aborted,
  type ErrorContext,
  missingApiKey,
  streamInterrupted,
  timedOut,
  toProviderError,
} from './to-provider-error';

export interface OpenAIProviderOptions {
  /** Provider id in configs. Defaults to the preset's id (`openai`). A preset id picks that preset. */
  id?: string;
  /** Which OpenAI-compatible server: a preset id (`openai`, `deepseek`, `vllm`, ...) or a full preset. */
  preset?: OpenAICompatiblePresetId | OpenAICompatiblePreset;
  /** Name used in error messages. Defaults to the preset's label. */
  label?: string;
  /** Defaults to env `<PRESET>_API_KEY` (e.g. `OPENAI_API_KEY`). */
  apiKey?: string;
  /** Defaults to env `<PRESET>_BASE_URL` (e.g. `OPENAI_BASE_URL`), then the preset's URL. */
  baseURL?: string;
  /** Environment to read keys and URLs from; `process.env` only when not given. */
  env?: Record<string, string | undefined>;
  /** Per-attempt timeout: time to a whole answer, or longest silence inside a stream. Default 10 min. */
  timeoutMs?: number;
  /** Retries after the first attempt (429, 5xx, connection errors, broken streams). Default 3. */
  maxRetries?: number;
  /** Backoff settings (full jitter); `maxRetries` above wins over `retry.maxRetries`. */
  retry?: Partial<RetryPolicy>;
  /** Extra or overriding catalog entries (matched by id). */
  models?: readonly ModelInfo[];
  /** Extra HTTP headers on every request (e.g. OpenRouter's `HTTP-Referer`). */
  headers?: Record<string, string>;
  /** Send an assistant message's `reasoning` back under this field (DeepSeek tool turns need it). */
  replayReasoningAs?: 'reasoning_content' | 'reasoning';
  /** Custom fetch (proxies, tests). */
  fetch?: typeof fetch;
}

export interface OpenAIProvider extends ModelProvider {
  readonly models: readonly ModelInfo[];
  readonly baseURL: string;
  readonly preset: OpenAICompatiblePreset;
}

const DEFAULT_TIMEOUT_MS = 600_000;

function resolvePreset(options: OpenAIProviderOptions): OpenAICompatiblePreset {
  const { preset, id } = options;
  if (typeof preset === 'object') return preset;
  if (preset !== undefined) return OPENAI_COMPATIBLE_PRESETS[preset];
  return id !== undefined && isPresetId(id)
    ? OPENAI_COMPATIBLE_PRESETS[id]
    : OPENAI_COMPATIBLE_PRESETS.openai;
}

function mergeCatalog(own: readonly ModelInfo[] | undefined, preset: readonly ModelInfo[]): ModelInfo[] {
  const extra = own ?? [];
  const overridden = new Set(extra.map((m) => m.id.toLowerCase()));
  return [...extra, ...preset.filter((m) => !overridden.has(m.id.toLowerCase()))];
}

const nonEmpty = (value: string | undefined) => (value && value.trim() !== '' ? value.trim() : undefined);

/**
 * A ModelProvider for OpenAI or any OpenAI-compatible server, through the official `openai` SDK.
 * Works with only `<PRESET>_API_KEY` (and optionally `<PRESET>_BASE_URL`) set.
 */
export function createOpenAIProvider(options: OpenAIProviderOptions = {}): OpenAIProvider {
  const preset = resolvePreset(options);
  const env = options.env ?? process.env;
  const id = options.id ?? preset.id;
  const label = options.label ?? preset.label;
  const apiKey = nonEmpty(options.apiKey) ?? nonEmpty(env[preset.apiKeyEnv]);
  const baseURL = (
    nonEmpty(options.baseURL) ??
    nonEmpty(env[preset.baseURLEnv]) ??
    preset.defaultBaseURL
  ).replace(/\/+$/, '');
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const policy: RetryPolicy = {
    ...DEFAULT_RETRY_POLICY,
    ...options.retry,
    ...(options.maxRetries !== undefined ? { maxRetries: options.maxRetries } : {}),
  };
  const models = mergeCatalog(options.models, preset.models);
  const secrets = apiKey ? [apiKey] : [];

  let client: OpenAI | undefined;
  const getClient = (ctx: ErrorContext): OpenAI => {
    if (!apiKey && preset.apiKeyRequired) throw missingApiKey(ctx);
    client ??= new OpenAI({
      apiKey: apiKey ?? 'not-needed',
      baseURL,
      organization: null,
      project: null,
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
    apiKeyEnv: preset.apiKeyEnv,
    baseURLEnv: preset.baseURLEnv,
    baseURL,
    timeoutMs,
    secrets,
  });

  const resultContext = (request: ChatRequest): ResultContext => {
    const info = findModel(models, request.model);
    const fallbackExposure: ReasoningExposure = preset.hiddenReasoningFamily?.test(request.model)
      ? 'hidden'
      : 'none';
    return {
      model: request.model,
      info,
      fallbackExposure,
      toolMode: request.structuredOutput?.mode === 'tool',
    };
  };

  const bodyFor = (request: ChatRequest, ctx: ResultContext, stream: boolean) =>
    buildChatBody(
      request,
      {
        preset,
        dropSampling: (ctx.info?.reasoning ?? ctx.fallbackExposure) === 'hidden',
        replayReasoningAs: options.replayReasoningAs,
      },
      stream,
    );

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
              body as unknown as OpenAI.Chat.ChatCompletionCreateParamsNonStreaming,
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
            body as unknown as OpenAI.Chat.ChatCompletionCreateParamsStreaming,
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
    description: `${label} chat completions (${baseURL})`,
    models,
    baseURL,
    preset,
    chat,
    stream,
  };
}
