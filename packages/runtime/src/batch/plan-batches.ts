import type { ModelBatchV1 } from '@distillery/core';
import type { NeededRequest } from './batch-replay-provider';

/**
 * Splits requests into batches the provider accepts: one model and one call of the flow per
 * batch, at most `limits.maxRequests` requests and `limits.maxBytes` bytes each, in order.
 */
export function planBatches(batch: ModelBatchV1, requests: readonly NeededRequest[]): NeededRequest[][] {
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
    for (const request of group) {
      const size = batch.size({ customId: request.customId, request: request.request });
      if (current.length > 0 && (current.length >= maxRequests || bytes + size > maxBytes)) {
        batches.push(current);
        current = [];
        bytes = 0;
      }
      current.push(request);
      bytes += size;
    }
    if (current.length > 0) batches.push(current);
  }
  return batches;
}
