import type Anthropic from '@anthropic-ai/sdk';
import type { ChatMessage } from '@distillery/core';
import { type ChatRequest, ProviderError } from '@distillery/core/contracts';
import { apiName, isRecord, toStrictJsonSchema } from '@distillery/provider-kit';
import type { AnthropicModelInfo } from './anthropic-models';

/**
 * A Messages API body: the `@anthropic-ai/sdk` params plus the sampling fields that SDK 1.12 no
 * longer types but the API still takes without thinking on older models (`temperature`, `top_p`).
 */
export interface AnthropicMessageBody extends Omit<Anthropic.MessageCreateParamsNonStreaming, 'stream'> {
  stream?: boolean;
  temperature?: number;
  top_p?: number;
}

type ThinkingBlock = Anthropic.ThinkingBlockParam | Anthropic.RedactedThinkingBlockParam;

/** A thinking or redacted_thinking block as the API returned it (checked field by field). */
function toThinkingBlock(value: unknown): ThinkingBlock | undefined {
  if (!isRecord(value)) return undefined;
  if (value.type === 'thinking' && typeof value.thinking === 'string' && typeof value.signature === 'string')
    return { type: 'thinking', thinking: value.thinking, signature: value.signature };
  if (value.type === 'redacted_thinking' && typeof value.data === 'string')
    return { type: 'redacted_thinking', data: value.data };
  return undefined;
}

/** Default `max_tokens` with thinking on / off (Anthropic requires the field). */
export const DEFAULT_MAX_TOKENS_THINKING = 32_000;
export const DEFAULT_MAX_TOKENS = 8_192;

/** The thinking and redacted_thinking blocks kept from an answer, to send back unchanged. */
export function thinkingBlocksOf(metadata: unknown): ThinkingBlock[] | undefined {
  if (!isRecord(metadata) || !Array.isArray(metadata.thinking_blocks)) return undefined;
  return metadata.thinking_blocks.flatMap((b) => toThinkingBlock(b) ?? []);
}

/** A user/assistant message on the wire; an assistant's thinking blocks go first, unmodified. */
export function toAnthropicMessage(
  message: ChatMessage & { role: 'user' | 'assistant' },
): Anthropic.MessageParam {
  const blocks = message.role === 'assistant' ? thinkingBlocksOf(message.reasoningMetadata) : undefined;
  if (!blocks || blocks.length === 0) return { role: message.role, content: message.content };
  const content: Anthropic.ContentBlockParam[] = [...blocks];
  if (message.content.length > 0) content.push({ type: 'text', text: message.content });
  return { role: message.role, content };
}

export interface AnthropicBodyContext {
  info: AnthropicModelInfo | undefined;
  /** For the errors of impossible combinations. */
  provider: string;
}

/**
 * The Messages API body. System messages go to `system`; extended thinking is on for the
 * catalog's thinking models unless `parameters.thinking` is false (or effort is `none`), and always
 * carries `display: 'summarized'` so the text is not omitted. A budget (`thinkingBudgetTokens`)
 * gives `{type:'enabled', budget_tokens}`; without one, adaptive models get `{type:'adaptive'}`
 * and the others half of `max_tokens`.
 */
export function buildAnthropicBody(
  request: ChatRequest,
  ctx: AnthropicBodyContext,
  stream: boolean,
): AnthropicMessageBody {
  const p = request.parameters ?? {};
  const system = request.messages
    .filter((m) => m.role === 'system')
    .map((m) => m.content)
    .join('\n\n');
  const messages = request.messages
    .filter((m): m is ChatMessage & { role: 'user' | 'assistant' } => m.role !== 'system')
    .map(toAnthropicMessage);

  const thinking =
    p.reasoningEffort === 'none'
      ? false
      : (p.thinking ??
        (p.thinkingBudgetTokens !== undefined ||
          p.reasoningEffort !== undefined ||
          ctx.info?.reasoning === 'summary'));
  const maxTokens =
    p.maxTokens ??
    (thinking && p.thinkingBudgetTokens !== undefined
      ? p.thinkingBudgetTokens + DEFAULT_MAX_TOKENS
      : thinking
        ? DEFAULT_MAX_TOKENS_THINKING
        : DEFAULT_MAX_TOKENS);

  const body: AnthropicMessageBody = { model: request.model, max_tokens: maxTokens, messages };
  if (system) body.system = system;
  const outputConfig: Anthropic.OutputConfig = {};

  if (thinking) {
    if (p.thinkingBudgetTokens !== undefined || !ctx.info?.adaptiveThinking) {
      const budget = p.thinkingBudgetTokens ?? Math.max(1024, Math.floor(maxTokens / 2));
      if (budget >= maxTokens) {
        throw new ProviderError(
          `Anthropic needs max_tokens above the thinking budget for model ${request.model}: budget ${budget}, maxTokens ${maxTokens}. Raise maxTokens or lower thinkingBudgetTokens.`,
          { provider: ctx.provider, model: request.model, kind: 'bad-request' },
        );
      }
      body.thinking = { type: 'enabled', budget_tokens: budget, display: 'summarized' };
    } else {
      body.thinking = { type: 'adaptive', display: 'summarized' };
    }
    if (p.reasoningEffort !== undefined && p.reasoningEffort !== 'none') {
      outputConfig.effort = p.reasoningEffort === 'minimal' ? 'low' : p.reasoningEffort;
    }
  } else {
    // Sampling settings are only accepted without thinking.
    if (p.temperature !== undefined) body.temperature = p.temperature;
    if (p.topP !== undefined) body.top_p = p.topP;
  }

  const structured = request.structuredOutput;
  if (structured) {
    if (structured.mode === 'json_object') {
      throw new ProviderError(
        `Anthropic has no JSON-object mode (model ${request.model}). Use structuredOutputMode 'json_schema' or 'tool' with an output schema.`,
        { provider: ctx.provider, model: request.model, kind: 'bad-request' },
      );
    }
    const { schema } = toStrictJsonSchema(structured.schema ?? { type: 'object' });
    // A forced tool call is not allowed together with thinking: use the JSON-schema output format then.
    if (structured.mode === 'json_schema' || thinking) {
      outputConfig.format = { type: 'json_schema', schema };
    } else {
      const name = apiName(structured.name);
      if (schema.type !== 'object')
        throw new ProviderError(
          `Anthropic's tool input must be an object schema (model ${request.model}, schema type ${JSON.stringify(schema.type)}). Use structuredOutputMode 'json_schema', or wrap the output in an object.`,
          { provider: ctx.provider, model: request.model, kind: 'bad-request' },
        );
      body.tools = [{ name, input_schema: { ...schema, type: 'object' } }];
      body.tool_choice = { type: 'tool', name };
    }
  }
  if (Object.keys(outputConfig).length > 0) body.output_config = outputConfig;
  if (stream) body.stream = true;
  // The user's own provider-specific fields go as given (the API, not this type, judges them).
  if (request.providerOptions) Object.assign(body, request.providerOptions);
  return body;
}
