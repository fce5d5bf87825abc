import type { ChatMessage, ChatRequest, ReasoningEffort } from '@distillery/core';
import { type StreamFieldsWire, streamFields, structuredOutputFields } from '@distillery/provider-kit';
import type Together from 'together-ai';

/**
 * A Together Chat Completions body: the `together-ai` SDK's params (which type `reasoning`,
 * `reasoning_effort` and `chat_template_kwargs`) plus `stream_options`, which the SDK does not type:
 * OpenAI-compatible servers in front of Together (and the mock) stream usage only when asked.
 */
export interface TogetherChatBody extends Omit<Together.Chat.CompletionCreateParamsNonStreaming, 'stream'> {
  stream?: boolean;
  stream_options?: StreamFieldsWire['stream_options'];
}

type TogetherMessage = Together.Chat.ChatCompletionMessageParam;

/** Together accepts `low | medium | high`; the rest of the core scale is folded onto it. */
export function togetherEffort(effort: ReasoningEffort): 'low' | 'medium' | 'high' | undefined {
  switch (effort) {
    case 'none':
      return undefined;
    case 'minimal':
    case 'low':
      return 'low';
    case 'medium':
      return 'medium';
    default:
      return 'high';
  }
}

/** A ChatMessage on the wire; the assistant's reasoning goes back as `reasoning` only when asked. */
export function toTogetherMessage(message: ChatMessage, replayReasoning: boolean): TogetherMessage {
  if (message.role !== 'assistant') return { role: message.role, content: message.content };
  return {
    role: 'assistant',
    content: message.content,
    ...(replayReasoning && message.reasoning ? { reasoning: message.reasoning } : {}),
  };
}

/**
 * The body for Together's `/chat/completions`: `reasoning: {enabled}` from `parameters.thinking`
 * (`reasoningEffort: 'none'` also turns it off), `reasoning_effort`, `max_tokens`, structured
 * output as `response_format` or a forced tool call; streams ask for usage.
 */
export function buildTogetherBody(
  request: ChatRequest,
  stream: boolean,
  replayReasoning = false,
): TogetherChatBody {
  const p = request.parameters ?? {};
  const body: TogetherChatBody = {
    model: request.model,
    messages: request.messages.map((m) => toTogetherMessage(m, replayReasoning)),
  };
  if (p.temperature !== undefined) body.temperature = p.temperature;
  if (p.topP !== undefined) body.top_p = p.topP;
  if (p.maxTokens !== undefined) body.max_tokens = p.maxTokens;
  if (p.seed !== undefined) body.seed = p.seed;
  if (p.thinking !== undefined) body.reasoning = { enabled: p.thinking };
  if (p.reasoningEffort !== undefined) {
    const effort = togetherEffort(p.reasoningEffort);
    if (effort) body.reasoning_effort = effort;
    else body.reasoning = { enabled: false };
  }
  if (request.structuredOutput)
    Object.assign(
      body,
      structuredOutputFields(request.structuredOutput, {
        strictTools: false,
        toolChoice: 'required',
      }) satisfies Partial<TogetherChatBody>,
    );
  // Together sends usage on the final chunk; asking for it as OpenAI does keeps OpenAI-compatible
  // servers in front of it (and the mock) from streaming zero usage.
  if (stream) Object.assign(body, streamFields() satisfies Partial<TogetherChatBody>);
  // Together's `logprobs` is the number of top alternatives per output token.
  if (request.logprobs) body.logprobs = request.logprobs.top;
  // The user's own provider-specific fields go as given (the API, not this type, judges them).
  if (request.providerOptions) Object.assign(body, request.providerOptions);
  return body;
}
