import type { ChatMessage, ChatRequest } from '@distillery/core';
import { streamFields, structuredOutputFields } from '@distillery/provider-kit';
import type { OpenAICompatiblePreset } from './openai-presets';

export interface ChatBodySettings {
  preset: OpenAICompatiblePreset;
  /** Drop temperature/top_p (OpenAI reasoning models reject them). */
  dropSampling: boolean;
  /** Send an assistant message's `reasoning` back under this field (off by default: OpenAI rejects it). */
  replayReasoningAs?: 'reasoning_content' | 'reasoning' | undefined;
}

type Body = Record<string, unknown>;

function reasoningDetailsOf(metadata: unknown): unknown[] | undefined {
  if (typeof metadata !== 'object' || metadata === null) return undefined;
  const details = (metadata as { reasoning_details?: unknown }).reasoning_details;
  return Array.isArray(details) ? details : undefined;
}

/** A ChatMessage on the wire; `reasoning_details` from a previous answer goes back unchanged. */
export function toWireMessage(message: ChatMessage, replayReasoningAs?: string): Body {
  const wire: Body = { role: message.role, content: message.content };
  if (message.role !== 'assistant') return wire;
  const details = reasoningDetailsOf(message.reasoningMetadata);
  if (details) wire.reasoning_details = details;
  if (replayReasoningAs && message.reasoning) wire[replayReasoningAs] = message.reasoning;
  return wire;
}

/** The Chat Completions body for a request (fields and enums as the real APIs spell them). */
export function buildChatBody(request: ChatRequest, settings: ChatBodySettings, stream: boolean): Body {
  const { preset } = settings;
  const p = request.parameters ?? {};
  const body: Body = {
    model: request.model,
    messages: request.messages.map((m) => toWireMessage(m, settings.replayReasoningAs)),
  };
  if (!settings.dropSampling) {
    if (p.temperature !== undefined) body.temperature = p.temperature;
    if (p.topP !== undefined) body.top_p = p.topP;
  }
  if (p.maxTokens !== undefined) body[preset.maxTokensField] = p.maxTokens;
  if (p.seed !== undefined) body.seed = p.seed;

  const reasoning: Body = {};
  if (p.reasoningEffort !== undefined) {
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
    Object.assign(body, structuredOutputFields(request.structuredOutput, { strictTools: true }));
  if (stream) Object.assign(body, streamFields());
  return { ...body, ...(request.providerOptions ?? {}) };
}
