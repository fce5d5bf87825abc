import type { RunModelResult } from '@distillery/runtime';
import type { PlaygroundResult } from '../../shared/api-types';

/** What the browser gets of a model run: reasoning, answer, trace, usage and cost (no raw provider responses). */
export function toPlaygroundResult(result: RunModelResult): PlaygroundResult {
  return {
    content: result.content,
    structured: result.structured ?? null,
    reasoning: result.reasoning,
    reasoningTruncated: result.reasoningTruncated,
    reasoningExposure: result.reasoningExposure,
    trace: result.trace,
    finishReason: result.finishReason,
    usage: result.usage,
    costUsd: result.costUsd,
    latencyMs: result.latencyMs,
    provider: result.provider,
    model: result.model,
    flow: result.flow,
    parser: result.parser ?? null,
  };
}
