import type { ChatMessage, ChatRequest } from '@distillery/core';
import { streamFields, structuredOutputFields } from '@distillery/provider-kit';
import type OpenAI from 'openai';
import type { OpenAICompatiblePreset } from './openai-presets';

export interface ChatBodySettings {
  preset: OpenAICompatiblePreset;
  /** Drop temperature/top_p (OpenAI reasoning models reject them). */
  dropSampling: boolean;
  /** Send `reasoningEffort` (off for models that refuse it: OpenAI's non-reasoning models). Default true. */
  sendEffort?: boolean;
  /** Send an assistant message's `reasoning` back under this field (off by default: OpenAI rejects it). */
  replayReasoningAs?: 'reasoning_content' | 'reasoning' | undefined;
}

/**
 * An assistant message with what OpenAI-compatible servers other than OpenAI take back on later
 * turns and the `openai` SDK does not type: `reasoning_content` (DeepSeek requires it on tool turns,
 * older vLLM), `reasoning` (vLLM >= 0.11, OpenRouter) and OpenRouter's opaque `reasoning_details`.
 */
export interface ReasoningAssistantMessage extends OpenAI.Chat.ChatCompletionAssistantMessageParam {
  reasoning_content?: string;
  reasoning?: string;
  reasoning_details?: unknown[];
}

export type OpenAICompatibleMessage = OpenAI.Chat.ChatCompletionMessageParam | ReasoningAssistantMessage;

/**
 * A Chat Completions body: the `openai` SDK's params plus the vendor extensions of the other
 * OpenAI-compatible servers, which the SDK does not type (and OpenAI itself never receives):
 * - `thinking`: DeepSeek's switch for thinking mode;
 * - `chat_template_kwargs`: vLLM/SGLang's template switch (`enable_thinking`);
 * - `reasoning`: OpenRouter's `{effort, enabled}`.
 */
export interface OpenAICompatibleChatBody
  extends Omit<OpenAI.Chat.ChatCompletionCreateParamsNonStreaming, 'messages' | 'stream'> {
  messages: OpenAICompatibleMessage[];
  stream?: boolean;
  thinking?: { type: 'enabled' | 'disabled' };
  chat_template_kwargs?: { enable_thinking: boolean };
  reasoning?: { effort?: OpenAI.ReasoningEffort; enabled?: boolean };
}

function reasoningDetailsOf(metadata: unknown): unknown[] | undefined {
  if (typeof metadata !== 'object' || metadata === null || !('reasoning_details' in metadata))
    return undefined;
  const details = metadata.reasoning_details;
  return Array.isArray(details) ? details : undefined;
}

/** A ChatMessage on the wire; `reasoning_details` from a previous answer goes back unchanged. */
export function toWireMessage(
  message: ChatMessage,
  replayReasoningAs?: 'reasoning_content' | 'reasoning',
): OpenAICompatibleMessage {
  if (message.role !== 'assistant') return { role: message.role, content: message.content };
  const wire: ReasoningAssistantMessage = { role: 'assistant', content: message.content };
  const details = reasoningDetailsOf(message.reasoningMetadata);
  if (details) wire.reasoning_details = details;
  if (replayReasoningAs && message.reasoning) wire[replayReasoningAs] = message.reasoning;
  return wire;
}

/** The Chat Completions body for a request (fields and enums as the real APIs spell them). */
export function buildChatBody(
  request: ChatRequest,
  settings: ChatBodySettings,
  stream: boolean,
): OpenAICompatibleChatBody {
  const { preset } = settings;
  const p = request.parameters ?? {};
  const body: OpenAICompatibleChatBody = {
    model: request.model,
    messages: request.messages.map((m) => toWireMessage(m, settings.replayReasoningAs)),
  };
  if (!settings.dropSampling) {
    if (p.temperature !== undefined) body.temperature = p.temperature;
    if (p.topP !== undefined) body.top_p = p.topP;
  }
  if (p.maxTokens !== undefined) body[preset.maxTokensField] = p.maxTokens;
  if (p.seed !== undefined) body.seed = p.seed;

  const reasoning: NonNullable<OpenAICompatibleChatBody['reasoning']> = {};
  if (p.reasoningEffort !== undefined && settings.sendEffort !== false) {
    if (preset.effortStyle === 'openrouter') reasoning.effort = p.reasoningEffort;
    else body.reasoning_effort = p.reasoningEffort;
  }
  if (p.thinking !== undefined) {
    switch (preset.thinkingStyle) {
      case 'deepseek':
        body.thinking = { type: p.thinking ? 'enabled' : 'disabled' };
        break;
      case 'chat-template':
        body.chat_template_kwargs = { enable_thinking: p.thinking };
        break;
      case 'openrouter':
        reasoning.enabled = p.thinking;
        break;
      case 'none':
        break;
    }
  }
  if (Object.keys(reasoning).length > 0) body.reasoning = reasoning;

  if (request.structuredOutput)
    Object.assign(
      body,
      structuredOutputFields(request.structuredOutput, {
        strictTools: true,
      }) satisfies Partial<OpenAICompatibleChatBody>,
    );
  if (stream) Object.assign(body, streamFields() satisfies Partial<OpenAICompatibleChatBody>);
  if (request.logprobs) {
    body.logprobs = true;
    body.top_logprobs = request.logprobs.top;
  }
  // The user's own provider-specific fields go as given (the API, not this type, judges them).
  if (request.providerOptions) Object.assign(body, request.providerOptions);
  return body;
}
