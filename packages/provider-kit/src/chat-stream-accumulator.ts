import type { ChatResult, ChatStreamEvent } from '@distillery/core';
import { asRecord, isRecord } from './is-record';
import { buildResult, type ResultContext } from './read-chat-completion';
import { mergeReasoningDetails, readReasoning } from './reasoning-fields';
import type { StreamAccumulator } from './stream-with-retry';

type Json = Record<string, unknown>;

/**
 * Accumulates Chat Completions stream chunks itself (the SDK `.stream()` helpers keep only the
 * last fragment of unknown delta fields). Every fragment of content, reasoning, reasoning_details
 * and tool arguments is kept; `finished` tells whether the server said it was done.
 */
export class ChatStreamAccumulator implements StreamAccumulator {
  private content = '';
  private reasoning = '';
  /** Which source carries the reasoning of this stream: the first one seen (never both, so no duplicates). */
  private reasoningSource: 'field' | 'details' | undefined;
  private details: Json[] = [];
  private readonly toolArgs: string[] = [];
  private finishReason: string | null = null;
  private usage: unknown;
  private model: string | undefined;
  private id: string | undefined;
  private created: number | undefined;
  private readonly ctx: ResultContext;

  constructor(ctx: ResultContext) {
    this.ctx = ctx;
  }

  /** True once a choice carried a finish_reason. */
  get finished(): boolean {
    return this.finishReason !== null;
  }

  push(chunk: unknown): ChatStreamEvent[] {
    const events: ChatStreamEvent[] = [];
    const body = asRecord(chunk);
    if (typeof body.model === 'string' && body.model) this.model = body.model;
    if (typeof body.id === 'string') this.id = body.id;
    if (typeof body.created === 'number') this.created = body.created;
    if (body.usage && typeof body.usage === 'object') this.usage = body.usage;
    const choices = Array.isArray(body.choices) ? body.choices.filter(isRecord) : [];
    for (const choice of choices) {
      if ((choice.index ?? 0) !== 0) continue;
      const delta = asRecord(choice.delta);
      const { fieldText, detailsText, details } = readReasoning(delta);
      if (details) mergeReasoningDetails(this.details, details);
      this.reasoningSource ??= fieldText ? 'field' : detailsText ? 'details' : undefined;
      const text = this.reasoningSource === 'details' ? detailsText : fieldText;
      if (text) {
        this.reasoning += text;
        events.push({ type: 'reasoning-delta', text });
      }
      if (typeof delta.content === 'string' && delta.content.length > 0) {
        this.content += delta.content;
        events.push({ type: 'content-delta', text: delta.content });
      }
      if (Array.isArray(delta.tool_calls)) {
        for (const call of delta.tool_calls.filter(isRecord)) {
          const index = typeof call.index === 'number' ? call.index : 0;
          const fragment = asRecord(call.function).arguments;
          if (typeof fragment !== 'string' || fragment.length === 0) continue;
          this.toolArgs[index] = (this.toolArgs[index] ?? '') + fragment;
          if (index === 0 && this.ctx.toolMode) events.push({ type: 'content-delta', text: fragment });
        }
      }
      if (typeof choice.finish_reason === 'string' && choice.finish_reason)
        this.finishReason = choice.finish_reason;
    }
    return events;
  }

  /** The complete result; `raw` is the accumulated state shaped like a whole chat completion. */
  result(): ChatResult {
    const message: Json = { role: 'assistant', content: this.content };
    if (this.reasoning) message.reasoning = this.reasoning;
    if (this.details.length > 0) message.reasoning_details = this.details;
    if (this.toolArgs.length > 0) {
      message.tool_calls = this.toolArgs.map((args, index) => ({
        index,
        type: 'function',
        function: { arguments: args },
      }));
    }
    const raw = {
      id: this.id,
      object: 'chat.completion',
      created: this.created,
      model: this.model,
      choices: [{ index: 0, message, finish_reason: this.finishReason }],
      usage: this.usage,
    };
    return buildResult(this.ctx, {
      content: this.content,
      toolArguments: this.toolArgs[0],
      reasoning: this.reasoning,
      reasoningDetails: this.details.length > 0 ? this.details : undefined,
      finishReason: this.finishReason,
      usage: this.usage,
      model: this.model,
      raw,
    });
  }
}
