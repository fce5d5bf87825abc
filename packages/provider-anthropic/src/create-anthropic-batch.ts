import type Anthropic from '@anthropic-ai/sdk';
import {
  type BatchInfoV1,
  type BatchRequestV1,
  type BatchResultV1,
  type BatchStatusV1,
  type ChatRequest,
  type ChatResult,
  findModel,
  type ModelBatchV1,
  ProviderError,
} from '@distillery/core/contracts';
import { type BatchControlDeps, batchControlCalls, isRecord } from '@distillery/provider-kit';
import { type AnthropicResultContext, resultFromMessage } from './anthropic-message-accumulator';
import type { AnthropicModelInfo } from './anthropic-models';

type MessageBatch = Anthropic.Messages.Batches.MessageBatch;
type BatchRequest = Anthropic.Messages.Batches.BatchCreateParams.Request;

export interface AnthropicBatchDeps extends BatchControlDeps<Anthropic> {
  providerId: string;
  label: string;
  models: readonly AnthropicModelInfo[];
  /** The Messages params the direct call would send, unstreamed. */
  params(request: ChatRequest): Anthropic.MessageCreateParamsNonStreaming;
  resultContext(request: ChatRequest): AnthropicResultContext;
}

/** A batch found after a crash was created at most this long before the submission was recorded (clock skew). */
const FIND_SKEW_MS = 60_000;
/** Pages of the batch list `find` reads at most (100 batches each, newest first). */
const MAX_LIST_PAGES = 10;

const total = (c: Anthropic.Messages.Batches.MessageBatchRequestCounts) =>
  c.processing + c.succeeded + c.errored + c.canceled + c.expired;

/**
 * Anthropic ends every batch as `ended`; what ended it tells the normalised state: a cancel asked
 * for, requests that ran out of time (expired), or neither (completed, per-line errors included).
 */
function statusOf(batch: MessageBatch): BatchStatusV1 {
  if (batch.processing_status === 'in_progress') return 'running';
  if (batch.processing_status === 'canceling') return 'cancelling';
  if (batch.cancel_initiated_at) return 'cancelled';
  if (batch.request_counts.expired > 0) return 'expired';
  return 'completed';
}

export function toAnthropicBatchInfo(batch: MessageBatch): BatchInfoV1 {
  const counts = batch.request_counts;
  const info: BatchInfoV1 = {
    id: batch.id,
    status: statusOf(batch),
    rawStatus: batch.processing_status,
    // Anthropic counts only `processing` until the whole batch has ended.
    counts: {
      total: total(counts),
      succeeded: counts.succeeded,
      failed: counts.errored + counts.canceled + counts.expired,
    },
    createdAt: new Date(batch.created_at).toISOString(),
    expiresAt: new Date(batch.expires_at).toISOString(),
    raw: batch,
  };
  if (batch.ended_at) info.endedAt = new Date(batch.ended_at).toISOString();
  return info;
}

/** One line of the results (`MessageBatchIndividualResponse`), checked: the wire may not match the types. */
function readLine(line: unknown): BatchResultV1 | undefined {
  if (!isRecord(line) || typeof line.custom_id !== 'string' || !isRecord(line.result)) return undefined;
  const customId = line.custom_id;
  const result = line.result;
  switch (result.type) {
    case 'succeeded':
      return { customId, type: 'succeeded', body: result.message };
    case 'canceled':
      return { customId, type: 'cancelled', reason: 'The batch was cancelled before this request ran.' };
    case 'expired':
      return {
        customId,
        type: 'expired',
        reason: 'The batch reached its 24-hour limit before this request ran.',
      };
    default: {
      // `errored`: {type: 'error', error: {type, message}}.
      const outer = isRecord(result.error) ? result.error : {};
      const inner = isRecord(outer.error) ? outer.error : outer;
      const code = typeof inner.type === 'string' ? inner.type : undefined;
      const reason = typeof inner.message === 'string' ? inner.message : `request ${String(result.type)}`;
      return { customId, type: 'errored', reason, ...(code ? { code } : {}) };
    }
  }
}

/** Anthropic's Message Batches (`/v1/messages/batches`), through `@anthropic-ai/sdk`. */
export function createAnthropicBatch(deps: AnthropicBatchDeps): ModelBatchV1 {
  const { call, once } = batchControlCalls(deps);
  const line = (request: BatchRequestV1): BatchRequest => ({
    custom_id: request.customId,
    params: deps.params(request.request),
  });

  const list = async (limit: number, signal: AbortSignal | undefined, stop?: (b: MessageBatch) => boolean) =>
    call('the batch list', signal, async (c, s) => {
      const found: MessageBatch[] = [];
      let page = await c.messages.batches.list({ limit: Math.min(100, limit) }, { signal: s });
      for (let pages = 1; ; pages++) {
        for (const batch of page.data) {
          if (found.length >= limit || stop?.(batch)) return found;
          found.push(batch);
        }
        if (pages >= MAX_LIST_PAGES || !page.hasNextPage()) return found;
        page = await page.getNextPage();
      }
    });

  return {
    specificationVersion: 'v1',
    // The batch-processing guide's limits (100,000 requests or 256 MB, whichever comes first).
    limits: { maxRequests: 100_000, maxBytes: 256 * 1024 * 1024, maxCustomIdLength: 64 },
    pricing(model) {
      return findModel(deps.models, model)?.batchPricing;
    },
    size(request) {
      return Buffer.byteLength(JSON.stringify(line(request))) + 1;
    },
    async submit(submission, options = {}) {
      const requests = submission.requests.map(line);
      // Sent once: a create whose answer is lost is traced by `find` (time and size), never sent again.
      const batch = await once(`batch of ${requests.length} requests`, options.signal, (c, s) =>
        c.messages.batches.create({ requests }, { signal: s }),
      );
      return toAnthropicBatchInfo(batch);
    },
    async get(id, options = {}) {
      return toAnthropicBatchInfo(
        await call(`batch ${id}`, options.signal, (c, s) =>
          c.messages.batches.retrieve(id, {}, { signal: s }),
        ),
      );
    },
    async list(options = {}) {
      return (await list(options.limit ?? 20, options.signal)).map(toAnthropicBatchInfo);
    },
    async find(trace, options = {}) {
      // Message batches carry no metadata and no input file: the batch is the one of this size
      // created first after the submission started, that no other record already holds.
      const since = Date.parse(trace.submittedAt) - FIND_SKEW_MS;
      const known = new Set(trace.knownIds ?? []);
      const recent = await list(
        MAX_LIST_PAGES * 100,
        options.signal,
        (b) => Date.parse(b.created_at) < since,
      );
      // Oldest first; the list is newest first, so equal times keep their creation order.
      const match = [...recent]
        .reverse()
        .filter((b) => !known.has(b.id) && total(b.request_counts) === trace.requests)
        .sort((a, b) => Date.parse(a.created_at) - Date.parse(b.created_at));
      const submitted = Date.parse(trace.submittedAt);
      const found = match.find((b) => Date.parse(b.created_at) >= submitted - 1000) ?? match.at(-1);
      return found ? toAnthropicBatchInfo(found) : undefined;
    },
    async cancel(id, options = {}) {
      return toAnthropicBatchInfo(
        await call(`batch ${id}`, options.signal, (c, s) => c.messages.batches.cancel(id, {}, { signal: s })),
      );
    },
    async *results(info, options = {}) {
      if (info.rawStatus !== 'ended') return;
      if (!isRecord(info.raw) || typeof info.raw.results_url !== 'string' || info.raw.results_url === '') {
        throw new ProviderError(
          `${deps.label} says batch ${info.id} ended but gives no results URL. Check the batch in the Anthropic Console; its requests are not marked done.`,
          { provider: deps.providerId, kind: 'invalid-response' },
        );
      }
      const decoder = await call(`batch results of ${info.id}`, options.signal, (c, s) =>
        c.messages.batches.results(info.id, {}, { signal: s }),
      );
      for await (const raw of decoder) {
        const result = readLine(raw);
        if (result) yield result;
      }
    },
    read(request, body): ChatResult {
      return resultFromMessage(body, deps.resultContext(request));
    },
  };
}
