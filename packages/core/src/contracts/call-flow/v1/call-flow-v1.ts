import type { JsonSchema } from '../../../schema/json-schema';
import type { ChatMessage } from '../../../schema/message';
import type { Prompt } from '../../../schema/prompt';
import type { ModelParameters } from '../../../schema/run-config';
import type { ReasoningOrigin } from '../../../schema/sample';
import type { Usage } from '../../../schema/usage';
import type { ReasoningExposure } from '../../model-catalog';
import type {
  ChatResult,
  FinishReason,
  ModelProvider,
  StructuredOutputRequest,
} from '../../model-provider/v1/model-provider-v1';
import type { PluginBase } from '../../plugin-base';
import type {
  ReasoningParseOptions,
  ReasoningParserPlugin,
} from '../../reasoning-parser/v1/reasoning-parser-v1';

/** Live progress of a flow, for people watching the reasoning stream. */
export type FlowEvent =
  | { type: 'call-start'; call: number; purpose: 'answer' | 'reasoning' | 'final' }
  | { type: 'reasoning-delta'; text: string }
  | { type: 'content-delta'; text: string }
  | { type: 'retry'; reason: string };

export interface CallFlowInput {
  provider: ModelProvider;
  model: string;
  prompt: Prompt;
  /** The task input; a non-string value is sent as compact JSON. */
  input: unknown;
  parser?: ReasoningParserPlugin;
  parserOptions?: ReasoningParseOptions;
  outputSchema?: JsonSchema;
  structuredOutputMode?: StructuredOutputRequest['mode'];
  parameters?: ModelParameters;
  /** Use the provider's streaming API and report deltas through onEvent. */
  stream?: boolean;
  onEvent?: (event: FlowEvent) => void;
  signal?: AbortSignal;
}

export interface TaskOutput {
  content: string;
  /** The parsed value when an output schema was given. */
  structured?: unknown;
  reasoning: string | null;
  reasoningOrigin: ReasoningOrigin | null;
  reasoningTruncated: boolean;
  reasoningExposure: ReasoningExposure;
  reasoningMetadata?: unknown;
  /** Every message sent and received, in order, with reasoning kept on assistant turns. */
  trace: ChatMessage[];
  finishReason: FinishReason;
  usage: Usage;
  /** One result per model call. */
  calls: ChatResult[];
  latencyMs: number;
}

/** A call flow, contract v1: how a provider is called to answer one task input. */
export interface CallFlowV1 extends PluginBase<'call-flow'> {
  run(input: CallFlowInput): Promise<TaskOutput>;
}

/** The current call flow contract. */
export type CallFlow = CallFlowV1;
