import {
  type BatchInfoV1,
  type BatchRequestV1,
  type BatchResultV1,
  type BatchStatusV1,
  type ChatRequest,
  type ChatResult,
  findModel,
  type ModelBatchV1,
  type ModelInfo,
  ProviderError,
  type RetryPolicy,
} from '@distillery/core/contracts';
import {
  asRecord,
  assertBatchSubmission,
  batchControlCalls,
  type ErrorContext,
  isRecord,
  type ResultContext,
  readBatchResultFiles,
  readChatCompletion,
  toJsonl,
} from '@distillery/provider-kit';
import type OpenAI from 'openai';
import type { OpenAICompatibleChatBody } from './build-chat-body';

/**
 * A batch line's body: the Chat Completions body the direct call would send (structured output,
 * reasoning effort, token limit and all), never streamed: the Batch API answers each request
 * whole and refuses `stream: true`.
 */
export type OpenAIBatchBody = Omit<OpenAICompatibleChatBody, 'stream' | 'stream_options'>;

/**
 * One line of a batch input file (openai-openapi `BatchRequestInput` of the revisions that still
 * described it; the SDK has no type for it): `method` is `POST` only and `url` must be the batch's
 * `endpoint`.
 */
export interface OpenAIBatchInputLine {
  custom_id: string;
  method: 'POST';
  url: typeof ENDPOINT;
  body: OpenAIBatchBody;
}

export interface OpenAIBatchDeps {
  providerId: string;
  label: string;
  models: readonly ModelInfo[];
  policy: RetryPolicy;
  timeoutMs: number;
  client(errors: ErrorContext): Promise<OpenAI>;
  errorContext(model: string): ErrorContext;
  resultContext(request: ChatRequest): ResultContext;
  body(request: ChatRequest, ctx: ResultContext): OpenAICompatibleChatBody;
}

const STATUS: Record<OpenAI.Batches.Batch['status'], BatchStatusV1> = {
  validating: 'validating',
  in_progress: 'running',
  finalizing: 'finalizing',
  cancelling: 'cancelling',
  completed: 'completed',
  expired: 'expired',
  cancelled: 'cancelled',
  failed: 'failed',
};

/** OpenAI's Batch API bills every model at half its price (openai.com/api/pricing, "Batch"). */
const BATCH_PRICE_FACTOR = 0.5;
/** Pages of the batch list `find` reads at most (100 batches each, newest first). */
const MAX_LIST_PAGES = 10;
/**
 * The Batch API's limits (openai-openapi `CreateBatchRequest`: 50,000 requests and 200 MB per
 * input file). OpenAI documents no custom id rule beyond uniqueness; 64 characters of
 * `[A-Za-z0-9_-]` keeps one id valid for every provider.
 */
const LIMITS = { maxRequests: 50_000, maxBytes: 200_000_000, maxCustomIdLength: 64 };
/** openai-openapi `Metadata`: at most 16 pairs, keys of 64 and values of 512 characters. */
const METADATA_LIMITS = { pairs: 16, keyLength: 64, valueLength: 512 };
/** The batch's `endpoint`, which every line's `url` must equal. */
const ENDPOINT = '/v1/chat/completions' satisfies OpenAI.Batches.BatchCreateParams['endpoint'];

/** Unix seconds as ISO 8601; the live API sends `null` for a time not reached yet (the SDK types it optional). */
const iso = (seconds: number | null | undefined) =>
  typeof seconds === 'number' ? new Date(seconds * 1000).toISOString() : undefined;
/** `error_file_id: ""` on clean batches means none (fetching it would 404). */
const fileId = (id: string | undefined | null) => (id ? id : undefined);

function metadataOf(batch: OpenAI.Batches.Batch): Record<string, string> | undefined {
  if (!batch.metadata) return undefined;
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(batch.metadata)) if (typeof value === 'string') out[key] = value;
  return out;
}

export function toBatchInfo(batch: OpenAI.Batches.Batch): BatchInfoV1 {
  const ended = batch.completed_at ?? batch.failed_at ?? batch.expired_at ?? batch.cancelled_at;
  const counts = batch.request_counts;
  const errors = batch.errors?.data
    ?.map((e) => [e.line != null ? `line ${e.line}` : '', e.code, e.message].filter(Boolean).join(': '))
    .filter((e) => e.length > 0);
  const metadata = metadataOf(batch);
  const info: BatchInfoV1 = {
    id: batch.id,
    status: STATUS[batch.status] ?? 'running',
    rawStatus: batch.status,
    counts: {
      total: counts?.total ?? null,
      succeeded: counts?.completed ?? 0,
      failed: counts?.failed ?? 0,
    },
    createdAt: iso(batch.created_at)!,
    inputId: batch.input_file_id,
    raw: batch,
  };
  if (batch.model) info.model = batch.model;
  const expiresAt = iso(batch.expires_at);
  if (expiresAt) info.expiresAt = expiresAt;
  const endedAt = iso(ended);
  if (endedAt) info.endedAt = endedAt;
  if (metadata) info.metadata = metadata;
  if (errors && errors.length > 0) info.errors = errors;
  return info;
}

/** One line of an output or error file (`{id, custom_id, response: {status_code, body}, error}`), narrowed. */
function readLine(line: unknown): BatchResultV1 | undefined {
  if (!isRecord(line) || typeof line.custom_id !== 'string') return undefined;
  const customId = line.custom_id;
  const response = isRecord(line.response) ? line.response : undefined;
  const status = typeof response?.status_code === 'number' ? response.status_code : undefined;
  const error = isRecord(line.error) ? line.error : undefined;
  if (response && status !== undefined && status >= 200 && status < 300 && !error) {
    return { customId, type: 'succeeded', body: response.body };
  }
  if (error) {
    const code = typeof error.code === 'string' ? error.code : 'error';
    const type = code === 'batch_expired' ? 'expired' : code === 'batch_cancelled' ? 'cancelled' : 'errored';
    return { customId, type, reason: typeof error.message === 'string' ? error.message : code, code };
  }
  const bodyError = asRecord(asRecord(response?.body).error);
  return {
    customId,
    type: 'errored',
    reason: typeof bodyError.message === 'string' ? bodyError.message : `HTTP ${status ?? 'error'}`,
    ...(typeof bodyError.code === 'string' && bodyError.code ? { code: bodyError.code } : {}),
    ...(status !== undefined ? { status } : {}),
  };
}

/** The Batch API (`/v1/files` + `/v1/batches`) of OpenAI, through the `openai` SDK. */
export function createOpenAIBatch(deps: OpenAIBatchDeps): ModelBatchV1 {
  const { call, once } = batchControlCalls(deps);
  const line = (request: BatchRequestV1): OpenAIBatchInputLine => {
    // `stream` could only come from the user's provider options; a batch line never streams.
    const {
      stream: _stream,
      stream_options: _options,
      ...body
    } = deps.body(request.request, deps.resultContext(request.request));
    return { custom_id: request.customId, method: 'POST', url: ENDPOINT, body };
  };

  const list = async (limit: number, signal: AbortSignal | undefined): Promise<OpenAI.Batches.Batch[]> => {
    const found: OpenAI.Batches.Batch[] = [];
    let after: string | undefined;
    for (let page = 0; page < MAX_LIST_PAGES && found.length < limit; page++) {
      const result = await call('the batch list', signal, (c, s) =>
        c.batches.list({ limit: Math.min(100, limit), ...(after ? { after } : {}) }, { signal: s }),
      );
      found.push(...result.data);
      if (!result.has_more || result.data.length === 0) break;
      after = result.data.at(-1)?.id;
    }
    return found.slice(0, limit);
  };

  return {
    specificationVersion: 'v1',
    limits: LIMITS,
    pricing(model, direct) {
      const pricing = direct ?? findModel(deps.models, model)?.pricing;
      return pricing
        ? {
            inputPerMillion: pricing.inputPerMillion * BATCH_PRICE_FACTOR,
            outputPerMillion: pricing.outputPerMillion * BATCH_PRICE_FACTOR,
          }
        : undefined;
    },
    size(request) {
      return Buffer.byteLength(JSON.stringify(line(request))) + 1;
    },
    async submit(submission, options = {}) {
      assertBatchSubmission(submission, {
        provider: deps.providerId,
        label: deps.label,
        limits: LIMITS,
        metadata: METADATA_LIMITS,
      });
      const jsonl = toJsonl(submission.requests.map(line));
      const name = `${submission.metadata.distillery_batch ?? 'distillery-batch'}.jsonl`;
      const file = await call('the batch input file', options.signal, async (c, s) =>
        c.files.create(
          { file: new File([jsonl], name, { type: 'application/jsonl' }), purpose: 'batch' },
          { signal: s },
        ),
      );
      await submission.onInputStored?.(file.id);
      // Not retried: a create whose answer is lost would make a second batch; `find` traces it instead.
      const batch = await once(`batch of ${submission.requests.length} requests`, options.signal, (c, s) =>
        c.batches.create(
          {
            input_file_id: file.id,
            endpoint: ENDPOINT,
            completion_window: '24h',
            metadata: submission.metadata,
          },
          { signal: s },
        ),
      );
      return toBatchInfo(batch);
    },
    async get(id, options = {}) {
      return toBatchInfo(
        await call(`batch ${id}`, options.signal, (c, s) => c.batches.retrieve(id, { signal: s })),
      );
    },
    async list(options = {}) {
      return (await list(options.limit ?? 20, options.signal)).map(toBatchInfo);
    },
    async find(trace, options = {}) {
      const since = Date.parse(trace.submittedAt) / 1000 - 600;
      const key = Object.entries(trace.metadata);
      for (const batch of await list(MAX_LIST_PAGES * 100, options.signal)) {
        if (batch.created_at < since) break;
        const metadata = metadataOf(batch) ?? {};
        const sameMetadata = key.length > 0 && key.every(([k, v]) => metadata[k] === v);
        if (sameMetadata || (trace.inputId !== undefined && batch.input_file_id === trace.inputId)) {
          return toBatchInfo(batch);
        }
      }
      return undefined;
    },
    async cancel(id, options = {}) {
      return toBatchInfo(
        await call(`batch ${id}`, options.signal, (c, s) => c.batches.cancel(id, { signal: s })),
      );
    },
    async *results(info, options = {}) {
      // `raw` is the Batch this adapter read; its fields are read back checked, never cast.
      const batch = asRecord(info.raw);
      const output = typeof batch.output_file_id === 'string' ? fileId(batch.output_file_id) : undefined;
      const errorFile = typeof batch.error_file_id === 'string' ? fileId(batch.error_file_id) : undefined;
      const completed = asRecord(batch.request_counts).completed;
      const answered = typeof completed === 'number' ? completed : 0;
      if (info.rawStatus === 'completed' && !output && answered > 0) {
        throw new ProviderError(
          `${deps.label} says batch ${info.id} completed ${answered} requests but gave no output file. Check the batch in the provider's dashboard; its requests are not marked done.`,
          { provider: deps.providerId, kind: 'invalid-response' },
        );
      }
      if (info.rawStatus === 'completed' && !output && !errorFile) {
        throw new ProviderError(
          `${deps.label} says batch ${info.id} completed but gave neither an output nor an error file. Check the batch in the provider's dashboard.`,
          { provider: deps.providerId, kind: 'invalid-response' },
        );
      }
      yield* readBatchResultFiles({
        call,
        fileIds: [output, errorFile],
        signal: options.signal,
        download: (c, id, s) => c.files.content(id, { signal: s }),
        readLine,
      });
    },
    read(request, body): ChatResult {
      return readChatCompletion(body, deps.resultContext(request));
    },
  };
}
