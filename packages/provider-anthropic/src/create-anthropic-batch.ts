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
import {
  assertBatchSubmission,
  type BatchControlDeps,
  batchControlCalls,
  isRecord,
} from '@distillery/provider-kit';
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

/**
 * The batch-processing guide's limits (100,000 requests or 256 MB, whichever comes first) and
 * custom ids of `^[a-zA-Z0-9_-]{1,64}$` (the API's validation error names the 64).
 */
const LIMITS = { maxRequests: 100_000, maxBytes: 256_000_000, maxCustomIdLength: 64 };
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

  /**
   * Recent batches, newest first, until `limit`, the page limit, or `stop` says a batch is too old;
   * `complete` tells whether the list reached `stop` (or its end) rather than a limit.
   */
  const list = async (limit: number, signal: AbortSignal | undefined, stop?: (b: MessageBatch) => boolean) =>
    call('the batch list', signal, async (c, s) => {
      const found: MessageBatch[] = [];
      let page = await c.messages.batches.list({ limit: Math.min(100, limit) }, { signal: s });
      for (let pages = 1; ; pages++) {
        for (const batch of page.data) {
          if (stop?.(batch)) return { found, complete: true };
          if (found.length >= limit) return { found, complete: false };
          found.push(batch);
        }
        if (!page.hasNextPage()) return { found, complete: true };
        if (pages >= MAX_LIST_PAGES) return { found, complete: false };
        page = await page.getNextPage();
      }
    });

  /** The custom id of an ended batch's first result line, or undefined when it has none. */
  const firstResultId = async (id: string, signal: AbortSignal | undefined): Promise<string | undefined> => {
    const decoder = await call(`batch results of ${id}`, signal, (c, s) =>
      c.messages.batches.results(id, {}, { signal: s }),
    );
    for await (const raw of decoder) {
      const result = readLine(raw);
      if (result) return result.customId;
    }
    return undefined;
  };

  return {
    specificationVersion: 'v1',
    limits: LIMITS,
    pricing(model) {
      return findModel(deps.models, model)?.batchPricing;
    },
    size(request) {
      return Buffer.byteLength(JSON.stringify(line(request))) + 1;
    },
    async submit(submission, options = {}) {
      // Message batches take no metadata: a lost one is traced by time, size and custom ids (`find`).
      assertBatchSubmission(submission, { provider: deps.providerId, label: deps.label, limits: LIMITS });
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
      return (await list(options.limit ?? 20, options.signal)).found.map(toAnthropicBatchInfo);
    },
    /**
     * Message batches carry no metadata and no input file, so a batch whose id was lost is found by
     * what is left: created at most FIND_SKEW_MS before the submission started, with as many
     * requests, and not already held by another record. An ended candidate is then checked by its
     * results: its first line's custom id tells for certain whether it is this submission (custom
     * ids are digests of the request). A candidate still running cannot be checked (Anthropic
     * gives no results, and no list of a batch's requests, until it ends), so:
     * - one unchecked candidate left is taken as this one: the remaining limit is that another
     *   client's batch of the same size, created in the same minutes while this submission never
     *   reached Anthropic, would be taken instead;
     * - several are refused rather than guessed (a wrong guess would leave this batch unread and
     *   paid for): the error names them, and a later run, once they have ended, tells them apart;
     * - none found returns undefined only when the list was read back past the submission time;
     *   otherwise it refuses too, since the batch may be older than what was read.
     */
    async find(trace, options = {}) {
      const since = Date.parse(trace.submittedAt) - FIND_SKEW_MS;
      const known = new Set(trace.knownIds ?? []);
      const wanted = trace.customIds ? new Set(trace.customIds) : undefined;
      const { found: recent, complete } = await list(
        MAX_LIST_PAGES * 100,
        options.signal,
        (b) => Date.parse(b.created_at) < since,
      );
      const candidates = recent.filter((b) => !known.has(b.id) && total(b.request_counts) === trace.requests);
      const unchecked: MessageBatch[] = [];
      for (const candidate of candidates) {
        if (wanted && candidate.processing_status === 'ended' && candidate.results_url) {
          const first = await firstResultId(candidate.id, options.signal);
          if (first !== undefined && wanted.has(first)) return toAnthropicBatchInfo(candidate);
          if (first !== undefined) continue; // another submission's batch
        }
        unchecked.push(candidate);
      }
      if (unchecked.length === 1) return toAnthropicBatchInfo(unchecked[0]!);
      if (unchecked.length > 1)
        throw new ProviderError(
          `${deps.label} has ${unchecked.length} batches that could be the one submitted at ${trace.submittedAt} (${trace.requests} requests each, created since, still running: ${unchecked.map((b) => b.id).join(', ')}); Message Batches carry no metadata to tell them apart, so none is taken. Run the command again once they have ended (within 24 hours): their results then show which one it is.`,
          { provider: deps.providerId, kind: 'invalid-response' },
        );
      if (!complete)
        throw new ProviderError(
          `${deps.label} lists more than ${MAX_LIST_PAGES * 100} batches since ${trace.submittedAt}, so whether the batch submitted then exists cannot be told; nothing is resubmitted. Check the Anthropic Console for a batch of ${trace.requests} requests created then.`,
          { provider: deps.providerId, kind: 'invalid-response' },
        );
      return undefined;
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
