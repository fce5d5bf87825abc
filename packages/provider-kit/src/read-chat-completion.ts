import type { ChatResult, FinishReason, ModelInfo, ReasoningExposure, Usage } from '@distillery/core';
import { asRecord, isRecord } from './is-record';
import { readLogprobs } from './read-logprobs';
import { readReasoning } from './reasoning-fields';

type Json = Record<string, unknown>;

/** What the provider knows about the call when it turns a response into a ChatResult. */
export interface ResultContext {
  model: string;
  /** The catalog entry, when the model is known. */
  info: ModelInfo | undefined;
  /** Exposure for an unknown model (e.g. `hidden` for OpenAI's o-series). */
  fallbackExposure: ReasoningExposure;
  /** The request forced a tool call: its arguments are the content. */
  toolMode: boolean;
}

export function mapFinishReason(raw: string | null | undefined, toolMode: boolean): FinishReason {
  switch (raw) {
    case 'stop':
    case 'eos':
      return 'stop';
    case 'length':
      return 'length';
    case 'content_filter':
      return 'content-filter';
    case 'tool_calls':
    case 'function_call':
      // A forced tool call is the answer we asked for.
      return toolMode ? 'stop' : 'tool-calls';
    case 'error':
      return 'error';
    default:
      return 'other';
  }
}

const count = (value: unknown): number =>
  typeof value === 'number' && Number.isFinite(value) ? Math.max(0, Math.round(value)) : 0;

export function readUsage(usage: unknown): Usage {
  if (typeof usage !== 'object' || usage === null) return { inputTokens: 0, outputTokens: 0 };
  const u = asRecord(usage);
  const details = isRecord(u.completion_tokens_details) ? u.completion_tokens_details : null;
  const reasoning = details?.reasoning_tokens ?? u.reasoning_tokens;
  return {
    inputTokens: count(u.prompt_tokens),
    outputTokens: count(u.completion_tokens),
    ...(typeof reasoning === 'number' ? { reasoningTokens: count(reasoning) } : {}),
  };
}

/**
 * The exposure to report: the catalog's (or the fallback), except that reasoning text that did
 * arrive is never thrown away: an unknown, `none` or `hidden` model that sent some is `field`.
 */
export function resolveExposure(ctx: ResultContext, gotText: boolean): ReasoningExposure {
  const exposure = ctx.info?.reasoning ?? ctx.fallbackExposure;
  if (gotText && (exposure === 'none' || exposure === 'hidden' || exposure === 'inline')) return 'field';
  return exposure;
}

/** Builds a ChatResult from the accumulated pieces of one answer. */
export function buildResult(
  ctx: ResultContext,
  parts: {
    content: string;
    toolArguments: string | undefined;
    reasoning: string;
    reasoningDetails: Json[] | undefined;
    finishReason: string | null;
    usage: unknown;
    model: string | undefined;
    raw: unknown;
  },
): ChatResult {
  const content = ctx.toolMode && parts.toolArguments !== undefined ? parts.toolArguments : parts.content;
  const gotText = parts.reasoning.length > 0;
  return {
    content,
    reasoning: gotText ? parts.reasoning : null,
    reasoningExposure: resolveExposure(ctx, gotText),
    ...(parts.reasoningDetails ? { reasoningMetadata: { reasoning_details: parts.reasoningDetails } } : {}),
    finishReason: mapFinishReason(parts.finishReason, ctx.toolMode),
    rawFinishReason: parts.finishReason,
    usage: readUsage(parts.usage),
    model: parts.model ?? ctx.model,
    raw: parts.raw,
  };
}

/** A whole (non-streamed) chat completion as a ChatResult. */
export function readChatCompletion(completion: unknown, ctx: ResultContext): ChatResult {
  const body = asRecord(completion);
  const choices = Array.isArray(body.choices) ? body.choices.filter(isRecord) : [];
  const choice = choices[0];
  const message = asRecord(choice?.message);
  const { text, details } = readReasoning(message);
  const toolCalls = Array.isArray(message.tool_calls) ? message.tool_calls.filter(isRecord) : [];
  const fn = asRecord(toolCalls[0]?.function);
  const logprobs = readLogprobs(choice?.logprobs);
  const result = buildResult(ctx, {
    content: typeof message.content === 'string' ? message.content : '',
    toolArguments: typeof fn?.arguments === 'string' ? fn.arguments : undefined,
    reasoning: text,
    reasoningDetails: details,
    finishReason: typeof choice?.finish_reason === 'string' ? choice.finish_reason : null,
    usage: body.usage,
    model: typeof body.model === 'string' ? body.model : undefined,
    raw: completion,
  });
  return logprobs ? { ...result, logprobs } : result;
}
