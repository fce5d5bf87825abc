import type { ModelBatchV1 } from '@distillery/core';
import { estimateRequestTokens } from '../generate/estimate-request-tokens';
import type { NeededRequest } from './batch-replay-provider';

/**
 * Splits requests into batches the provider accepts: one model and one call of the flow per
 * batch, at most `limits.maxRequests` requests and `limits.maxBytes` bytes each, and, given
 * `maxInputTokens`, at most that many estimated prompt tokens each; in order.
 */
export function planBatches(
  batch: ModelBatchV1,
  requests: readonly NeededRequest[],
  maxInputTokens = Number.POSITIVE_INFINITY,
): NeededRequest[][] {
  const { maxRequests, maxBytes } = batch.limits;
  const groups = new Map<string, NeededRequest[]>();
  for (const request of requests) {
    const key = `${request.request.model}\n${request.call}`;
    let group = groups.get(key);
    if (!group) {
      group = [];
      groups.set(key, group);
    }
    group.push(request);
  }
  const batches: NeededRequest[][] = [];
  for (const group of groups.values()) {
    let current: NeededRequest[] = [];
    let bytes = 0;
    let tokens = 0;
    for (const request of group) {
      const size = batch.size({ customId: request.customId, request: request.request });
      const prompt = estimateRequestTokens(request.request);
      if (
        current.length > 0 &&
        (current.length >= maxRequests || bytes + size > maxBytes || tokens + prompt > maxInputTokens)
      ) {
        batches.push(current);
        current = [];
        bytes = 0;
        tokens = 0;
      }
      current.push(request);
      bytes += size;
      tokens += prompt;
    }
    if (current.length > 0) batches.push(current);
  }
  return batches;
}
