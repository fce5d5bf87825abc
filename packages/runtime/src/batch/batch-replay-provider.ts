import type { ChatRequest, ChatResult, ChatStreamEvent, ModelBatchV1, ModelProvider } from '@distillery/core';
import type { SampleStore } from '../store/sample-store';
import { batchCustomId } from './batch-custom-id';
import { BatchRequestError } from './batch-request-error';
import {
  GENERATION_BATCH_RESULT_KIND,
  type GenerationBatchResult,
  GenerationBatchResultSchema,
} from './generation-batch';

/** Thrown through a flow whose next call has no answer yet: the item waits for a batch. */
export class AwaitingBatch extends Error {
  override name = 'AwaitingBatch';
}

/** A request the flow needs and nobody has submitted yet. */
export interface NeededRequest {
  customId: string;
  key: string;
  call: number;
  request: ChatRequest;
}

export interface BatchReplayContext {
  store: SampleStore;
  batch: ModelBatchV1;
  /** Custom ids in batches that are submitted and not yet ingested. */
  inFlight: ReadonlySet<string>;
  /** This run's id: failures recorded by an earlier run are sent again when `retryFailed`. */
  runId: string;
  retryFailed: boolean;
}

/**
 * A provider for replaying one item's flow from stored batch results: each call of the flow
 * (in order) is answered from the `generation-batch-result` of its custom id. A call without a
 * result ends the replay (`AwaitingBatch`), reporting the request as needed unless a submitted
 * batch already carries it; a failed result fails the item (`BatchRequestError`), or, when
 * retrying failures an earlier run recorded, moves on to the next attempt's custom id.
 */
export function batchReplayProvider(
  base: ModelProvider,
  key: string,
  ctx: BatchReplayContext,
  need: (request: NeededRequest) => void,
): ModelProvider & { readonly touched: boolean } {
  let call = 0;
  let touched = false;
  const answer = async (request: ChatRequest): Promise<ChatResult> => {
    const index = call++;
    for (let attempt = 0; ; attempt++) {
      const customId = batchCustomId(key, index, attempt);
      const stored = await ctx.store.getRecord<GenerationBatchResult>(
        GENERATION_BATCH_RESULT_KIND,
        customId,
        GenerationBatchResultSchema,
      );
      if (!stored) {
        if (ctx.inFlight.has(customId)) {
          touched = true;
          throw new AwaitingBatch(customId);
        }
        need({ customId, key, call: index, request });
        throw new AwaitingBatch(customId);
      }
      touched = true;
      const result = stored.value;
      if (result.state === 'succeeded') return ctx.batch.read(request, result.body);
      if (ctx.retryFailed && result.runId !== ctx.runId) continue;
      throw new BatchRequestError(`Batch request ${customId} ${result.type}: ${result.reason}`, {
        type: result.type,
        code: result.code,
        status: result.status,
      });
    }
  };
  return {
    ...base,
    get touched() {
      return touched;
    },
    chat: (request) => answer(request),
    // Batches never stream: a flow asked to stream still gets the whole answer.
    async *stream(request): AsyncGenerator<ChatStreamEvent> {
      yield { type: 'finish', result: await answer(request) };
    },
  };
}
