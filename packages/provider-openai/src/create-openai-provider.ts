import {
  type ChatRequest,
  findModel,
  type ModelInfo,
  type ModelProvider,
  type ReasoningExposure,
} from '@distillery/core/contracts';
import {
  chatCompletionsMethods,
  type ErrorContext,
  mergeCatalog,
  type ProviderConnectionOptions,
  type ResultContext,
  resolveProviderSettings,
} from '@distillery/provider-kit';
import { buildChatBody } from './build-chat-body';
import { createOpenAIBatch } from './create-openai-batch';
import { lazyOpenAIClient } from './openai-client';
import {
  isPresetId,
  OPENAI_COMPATIBLE_PRESETS,
  type OpenAICompatiblePreset,
  type OpenAICompatiblePresetId,
} from './openai-presets';

/** Connection options (`apiKey`, `baseURL`, `env`, `timeoutMs`, `maxRetries`, `retry`, `fetch`) default to the preset's `<PRESET>_API_KEY` / `<PRESET>_BASE_URL`. */
export interface OpenAIProviderOptions extends ProviderConnectionOptions {
  /** Provider id in configs. Defaults to the preset's id (`openai`). A preset id picks that preset. */
  id?: string;
  /** Which OpenAI-compatible server: a preset id (`openai`, `deepseek`, `vllm`, ...) or a full preset. */
  preset?: OpenAICompatiblePresetId | OpenAICompatiblePreset;
  /** Name used in error messages. Defaults to the preset's label. */
  label?: string;
  /** Extra or overriding catalog entries (matched by id). */
  models?: readonly ModelInfo[];
  /** Extra HTTP headers on every request (e.g. OpenRouter's `HTTP-Referer`). */
  headers?: Record<string, string>;
  /** Send an assistant message's `reasoning` back under this field (DeepSeek tool turns need it). */
  replayReasoningAs?: 'reasoning_content' | 'reasoning';
}

export interface OpenAIProvider extends ModelProvider {
  readonly models: readonly ModelInfo[];
  readonly baseURL: string;
  readonly preset: OpenAICompatiblePreset;
}

function resolvePreset(options: OpenAIProviderOptions): OpenAICompatiblePreset {
  const { preset, id } = options;
  if (typeof preset === 'object') return preset;
  if (preset !== undefined) return OPENAI_COMPATIBLE_PRESETS[preset];
  return id !== undefined && isPresetId(id)
    ? OPENAI_COMPATIBLE_PRESETS[id]
    : OPENAI_COMPATIBLE_PRESETS.openai;
}

/**
 * A ModelProvider for OpenAI or any OpenAI-compatible server, through the official `openai` SDK.
 * Works with only `<PRESET>_API_KEY` (and optionally `<PRESET>_BASE_URL`) set.
 */
export function createOpenAIProvider(options: OpenAIProviderOptions = {}): OpenAIProvider {
  const preset = resolvePreset(options);
  const id = options.id ?? preset.id;
  const label = options.label ?? preset.label;
  const { apiKey, apiKeyEnv, baseURL, timeoutMs, policy, secrets } = resolveProviderSettings(options, preset);
  const models = mergeCatalog(options.models, preset.models);

  const getClient = lazyOpenAIClient(
    { apiKey, baseURL, timeoutMs, apiKeyRequired: preset.apiKeyRequired },
    options,
  );

  const errorContext = (model: string): ErrorContext => ({
    provider: id,
    label,
    model,
    apiKeyEnv,
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
        sendEffort: !preset.effortNeedsReasoning || (ctx.info?.reasoning ?? ctx.fallbackExposure) !== 'none',
        replayReasoningAs: options.replayReasoningAs,
      },
      stream,
    );

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

  // Of the OpenAI-compatible servers, only OpenAI itself has the Batch API.
  const batch =
    preset.id === 'openai'
      ? createOpenAIBatch({
          providerId: id,
          label,
          models,
          policy,
          timeoutMs,
          client: getClient,
          errorContext,
          resultContext,
          body: (request, ctx) => bodyFor(request, ctx, false),
        })
      : undefined;

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
    ...(batch ? { batch } : {}),
  };
}
