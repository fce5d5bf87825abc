import type { ChatResult, ChatStreamEvent, FinishReason, ModelInfo, Usage } from '@distillery/core';
import { asRecord, isRecord } from '@distillery/provider-kit';

type Json = Record<string, unknown>;

export interface AnthropicResultContext {
  model: string;
  info: ModelInfo | undefined;
  /** The request forced a tool call: its input JSON is the content. */
  toolMode: boolean;
}

export function mapStopReason(raw: string | null | undefined, toolMode: boolean): FinishReason {
  switch (raw) {
    case 'end_turn':
    case 'stop_sequence':
      return 'stop';
    case 'max_tokens':
    case 'model_context_window_exceeded':
      return 'length';
    case 'tool_use':
      return toolMode ? 'stop' : 'tool-calls';
    case 'refusal':
      return 'content-filter';
    default:
      return 'other';
  }
}

const count = (value: unknown): number =>
  typeof value === 'number' && Number.isFinite(value) ? Math.max(0, Math.round(value)) : 0;

/** Input counts cache writes and reads too (all of them are prompt tokens); thinking tokens come from 1.12's details. */
export function readAnthropicUsage(usage: unknown): Usage {
  if (!isRecord(usage)) return { inputTokens: 0, outputTokens: 0 };
  const u = usage;
  const details = isRecord(u.output_tokens_details) ? u.output_tokens_details : null;
  return {
    inputTokens:
      count(u.input_tokens) + count(u.cache_creation_input_tokens) + count(u.cache_read_input_tokens),
    outputTokens: count(u.output_tokens),
    ...(typeof details?.thinking_tokens === 'number'
      ? { reasoningTokens: count(details.thinking_tokens) }
      : {}),
  };
}

const THINKING_SEPARATOR = '\n\n';

/**
 * Builds a ChatResult from Messages API content blocks. Thinking text of several blocks is joined
 * with a blank line; thinking and redacted_thinking blocks are kept whole (with signatures) in
 * `reasoningMetadata.thinking_blocks`, to be sent back unchanged.
 */
export function resultFromMessage(
  response: unknown,
  ctx: AnthropicResultContext,
  toolJson?: string,
): ChatResult {
  // The SDK types the message but does not check it: every field is narrowed.
  const message = asRecord(response);
  const blocks = Array.isArray(message.content) ? message.content.filter(isRecord) : [];
  const thinking: string[] = [];
  const kept: Json[] = [];
  let text = '';
  let toolInput: string | undefined = toolJson;
  for (const block of blocks) {
    if (block.type === 'thinking') {
      kept.push(block);
      if (typeof block.thinking === 'string' && block.thinking.length > 0) thinking.push(block.thinking);
    } else if (block.type === 'redacted_thinking') {
      kept.push(block);
    } else if (block.type === 'text' && typeof block.text === 'string') {
      text += block.text;
    } else if (block.type === 'tool_use' && toolInput === undefined) {
      toolInput = JSON.stringify(block.input ?? {});
    }
  }
  const reasoning = thinking.join(THINKING_SEPARATOR);
  const stopReason = typeof message.stop_reason === 'string' ? message.stop_reason : null;
  return {
    content: ctx.toolMode && toolInput !== undefined ? toolInput : text,
    reasoning: reasoning.length > 0 ? reasoning : null,
    reasoningExposure: ctx.info?.reasoning ?? (kept.length > 0 ? 'summary' : 'none'),
    ...(kept.length > 0 ? { reasoningMetadata: { thinking_blocks: kept } } : {}),
    finishReason: mapStopReason(stopReason, ctx.toolMode),
    rawFinishReason: stopReason,
    usage: readAnthropicUsage(message.usage),
    model: typeof message.model === 'string' ? message.model : ctx.model,
    raw: message,
  };
}

/**
 * Accumulates Messages API stream events itself: `thinking_delta` and `signature_delta` fragments,
 * text, tool input JSON, usage. `finished` is true only after `message_stop`.
 */
export class AnthropicMessageAccumulator {
  private message: Json = { type: 'message', role: 'assistant', content: [] };
  private readonly blocks: Json[] = [];
  private readonly partialJson = new Map<number, string>();
  private sawThinkingText = false;
  private sawStop = false;
  private readonly ctx: AnthropicResultContext;

  constructor(ctx: AnthropicResultContext) {
    this.ctx = ctx;
  }

  get finished(): boolean {
    return this.sawStop;
  }

  push(event: unknown): ChatStreamEvent[] {
    const e = asRecord(event);
    const out: ChatStreamEvent[] = [];
    switch (e.type) {
      case 'message_start': {
        const message = asRecord(e.message);
        this.message = { ...message, content: [] };
        break;
      }
      case 'content_block_start': {
        const index = typeof e.index === 'number' ? e.index : this.blocks.length;
        const block = { ...asRecord(e.content_block) };
        if (block.type === 'tool_use') this.partialJson.set(index, '');
        this.blocks[index] = block;
        break;
      }
      case 'content_block_delta': {
        const index = typeof e.index === 'number' ? e.index : this.blocks.length - 1;
        const block = this.blocks[index] ?? {};
        this.blocks[index] = block;
        const delta = asRecord(e.delta);
        if (delta.type === 'thinking_delta' && typeof delta.thinking === 'string') {
          if (delta.thinking.length === 0) break;
          const first = typeof block.thinking !== 'string' || block.thinking.length === 0;
          block.thinking = (typeof block.thinking === 'string' ? block.thinking : '') + delta.thinking;
          const text = first && this.sawThinkingText ? THINKING_SEPARATOR + delta.thinking : delta.thinking;
          this.sawThinkingText = true;
          out.push({ type: 'reasoning-delta', text });
        } else if (delta.type === 'signature_delta' && typeof delta.signature === 'string') {
          block.signature = (typeof block.signature === 'string' ? block.signature : '') + delta.signature;
        } else if (delta.type === 'text_delta' && typeof delta.text === 'string') {
          block.text = (typeof block.text === 'string' ? block.text : '') + delta.text;
          if (delta.text.length > 0) out.push({ type: 'content-delta', text: delta.text });
        } else if (delta.type === 'input_json_delta' && typeof delta.partial_json === 'string') {
          this.partialJson.set(index, (this.partialJson.get(index) ?? '') + delta.partial_json);
          if (this.ctx.toolMode && delta.partial_json.length > 0)
            out.push({ type: 'content-delta', text: delta.partial_json });
        }
        break;
      }
      case 'content_block_stop': {
        const index = typeof e.index === 'number' ? e.index : -1;
        const json = this.partialJson.get(index);
        const block = this.blocks[index];
        if (block && json !== undefined) {
          try {
            block.input = json.length > 0 ? JSON.parse(json) : {};
          } catch {
            block.input = json;
          }
        }
        break;
      }
      case 'message_delta': {
        const delta = asRecord(e.delta);
        if ('stop_reason' in delta) this.message.stop_reason = delta.stop_reason;
        if ('stop_sequence' in delta) this.message.stop_sequence = delta.stop_sequence;
        if (isRecord(e.usage)) {
          this.message.usage = { ...asRecord(this.message.usage), ...e.usage };
        }
        break;
      }
      case 'message_stop':
        this.sawStop = true;
        break;
      default:
        break;
    }
    return out;
  }

  result(): ChatResult {
    const message = { ...this.message, content: this.blocks.filter(Boolean) };
    const toolIndex = this.blocks.findIndex((b) => b?.type === 'tool_use');
    const toolJson = toolIndex >= 0 ? this.partialJson.get(toolIndex) : undefined;
    return resultFromMessage(message, this.ctx, toolJson === '' ? '{}' : toolJson);
  }
}
