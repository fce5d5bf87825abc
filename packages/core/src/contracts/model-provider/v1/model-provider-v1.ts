import type { JsonSchema } from '../../../schema/json-schema';
import type { ChatMessage } from '../../../schema/message';
import type { ModelParameters } from '../../../schema/run-config';
import type { Usage } from '../../../schema/usage';
import type { ModelBatchV1 } from '../../batch/v1/batch-v1';
import type { ModelInfo, ReasoningExposure } from '../../model-catalog';
import type { PluginBase } from '../../plugin-base';

export interface StructuredOutputRequest {
  mode: 'json_schema' | 'json_object' | 'tool';
  /** Required for `json_schema` and `tool`. */
  schema?: JsonSchema;
  /** Schema or tool name sent to the API. */
  name?: string;
}

export interface ChatRequest {
  model: string;
  messages: ChatMessage[];
  parameters?: ModelParameters;
  structuredOutput?: StructuredOutputRequest;
  /** Extra body fields passed to the API verbatim (provider-specific knobs). */
  providerOptions?: Record<string, unknown>;
  /**
   * Ask for the log-probabilities of the `top` most likely tokens at each output position.
   * Providers without logprobs ignore it (and return none).
   */
  logprobs?: { top: number };
}

/** One output token with its log-probability and the most likely alternatives at its position. */
export interface TokenLogprob {
  token: string;
  logprob: number;
  top: { token: string; logprob: number }[];
}

export type FinishReason = 'stop' | 'length' | 'content-filter' | 'tool-calls' | 'error' | 'other';

export interface ChatResult {
  /** The answer text (for forced tool calls: the tool arguments as JSON text). */
  content: string;
  /** Reasoning the model exposed, or null when it exposed none. */
  reasoning: string | null;
  /** How much of the reasoning the API returns for this model; `hidden` means it reasoned invisibly. */
  reasoningExposure: ReasoningExposure;
  /** Opaque data to send back unchanged (thinking signatures, redacted thinking, reasoning_details). */
  reasoningMetadata?: unknown;
  finishReason: FinishReason;
  /** The provider's own finish/stop reason. */
  rawFinishReason: string | null;
  usage: Usage;
  /** The model id the provider reports. */
  model: string;
  /** The raw provider response (non-streaming) or the final accumulated stream state. */
  raw: unknown;
  /** Per output token log-probabilities, when they were asked for and the provider returned them. */
  logprobs?: TokenLogprob[];
}

export type ChatStreamEvent =
  | { type: 'reasoning-delta'; text: string }
  | { type: 'content-delta'; text: string }
  /**
   * The stream broke before finishing and is being sent again: drop everything received so far.
   */
  | { type: 'retry'; attempt: number; reason: string }
  | { type: 'finish'; result: ChatResult };

export interface CallOptions {
  signal?: AbortSignal;
}

/**
 * A model API, contract v1. `stream` yields deltas as they come and ends with exactly one
 * `finish` event carrying the complete result; a stream that breaks is retried (after a `retry`
 * event) or throws a ProviderError, never ends as if complete.
 *
 * Optional capabilities are separate small contracts a provider may also implement; the kind
 * table (`PLUGIN_KIND_TABLE['model-provider'].capabilities`) names them and their methods.
 * `batch` (many calls as one provider-side job) is defined in `contracts/batch/v1`.
 */
export interface ModelProviderV1 extends PluginBase<'model-provider'> {
  chat(request: ChatRequest, options?: CallOptions): Promise<ChatResult>;
  stream(request: ChatRequest, options?: CallOptions): AsyncIterable<ChatStreamEvent>;
  /** Known models, how they expose reasoning, their prices. */
  readonly models?: readonly ModelInfo[];
  /** The provider's batch API, where it has one (optional capability). */
  readonly batch?: ModelBatchV1;
}

/** The current model provider contract. */
export type ModelProvider = ModelProviderV1;
