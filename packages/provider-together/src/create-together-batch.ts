import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  type BatchInfoV1,
  type BatchRequestV1,
  type BatchResultV1,
  type BatchStatusV1,
  type ChatRequest,
  type ChatResult,
  type ModelBatchV1,
  type ModelPricing,
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
import type Together from 'together-ai';
import type { TogetherChatBody } from './build-together-body';
import type { TogetherUploadSettings } from './upload-together-file';
import { uploadTogetherFile } from './upload-together-file';

/** A batch line's body: the Chat Completions body the direct call would send, never streamed. */
export type TogetherBatchBody = Omit<TogetherChatBody, 'stream' | 'stream_options'>;

/**
 * One line of a Together batch input file (docs.together.ai batch inference; the SDK has no type
 * for it): `{custom_id, body}`, with no `method` or `url` (the batch's `endpoint` says where).
 */
export interface TogetherBatchInputLine {
  custom_id: string;
  body: TogetherBatchBody;
}

export interface TogetherBatchDeps {
  providerId: string;
  label: string;
  policy: RetryPolicy;
  timeoutMs: number;
  client(errors: ErrorContext): Promise<Together>;
  errorContext(model: string): ErrorContext;
  resultContext(request: ChatRequest): ResultContext;
  body(request: ChatRequest): TogetherChatBody;
  /** How to upload the input file (throws when there is no API key). */
  upload(errors: ErrorContext): Omit<TogetherUploadSettings, 'errors' | 'purpose' | 'signal' | 'finalize'>;
}

/**
 * Together's batch limits (docs.together.ai batch overview: 50,000 requests per batch, 100 MB per
 * input file; custom ids of at most 64 characters).
 */
const LIMITS = { maxRequests: 50_000, maxBytes: 100_000_000, maxCustomIdLength: 64 };
/** The input file's purpose for the batch API (together-openapi `FilePurpose`). */
const PURPOSE = 'batch-api' satisfies Together.Files.FilePurpose;
/** The batch's `endpoint` (the SDK's `BatchCreateParams`). */
const ENDPOINT = '/v1/chat/completions' satisfies Together.Batches.BatchCreateParams['endpoint'];

const STATUS: Record<NonNullable<Together.Batches.BatchJob['status']>, BatchStatusV1> = {
  VALIDATING: 'validating',
  IN_PROGRESS: 'running',
  COMPLETED: 'completed',
  FAILED: 'failed',
  EXPIRED: 'expired',
  CANCELLED: 'cancelled',
};

/**
 * Batch prices Together publishes per model (USD per million tokens). Sources conflict on which
 * models are discounted (see the batch API notes): only the ones listed here are priced; any
 * other model's batch price is unknown rather than assumed.
 */
const BATCH_PRICES: Record<string, ModelPricing> = {
  'meta-llama/llama-3.3-70b-instruct-turbo': { inputPerMillion: 0.44, outputPerMillion: 0.44 },
};

export function toTogetherBatchInfo(job: Together.Batches.BatchJob): BatchInfoV1 {
  const status = job.status ? (STATUS[job.status] ?? 'running') : 'validating';
  const info: BatchInfoV1 = {
    id: job.id ?? '',
    status,
    rawStatus: job.status ?? 'UNKNOWN',
    // Together reports progress (0-100), not request counts.
    counts: { total: null, succeeded: 0, failed: 0 },
    createdAt: job.created_at ?? new Date(0).toISOString(),
    raw: job,
  };
  if (job.model_id) info.model = job.model_id;
  if (job.input_file_id) info.inputId = job.input_file_id;
  if (typeof job.progress === 'number') info.progress = job.progress / 100;
  if (job.job_deadline) info.expiresAt = job.job_deadline;
  if (job.completed_at) info.endedAt = job.completed_at;
  if (job.error) info.errors = [job.error];
  return info;
}

/** One line of an output or error file (`{custom_id, response: {status_code, body}, error}`), narrowed. */
function readLine(line: unknown): BatchResultV1 | undefined {
  if (!isRecord(line) || typeof line.custom_id !== 'string') return undefined;
  const customId = line.custom_id;
  const response = isRecord(line.response) ? line.response : undefined;
  const status = typeof response?.status_code === 'number' ? response.status_code : undefined;
  const error = isRecord(line.error) ? line.error : undefined;
  if (response && !error && (status === undefined || (status >= 200 && status < 300))) {
    return { customId, type: 'succeeded', body: response.body };
  }
  const bodyError = asRecord(asRecord(response?.body).error);
  const reason =
    typeof error?.message === 'string'
      ? error.message
      : typeof bodyError.message === 'string'
        ? bodyError.message
        : `HTTP ${status ?? 'error'}`;
  const code =
    typeof error?.code === 'string' || typeof error?.code === 'number' ? String(error.code) : undefined;
  const type = /expire/i.test(code ?? reason)
    ? 'expired'
    : /cancel/i.test(code ?? reason)
      ? 'cancelled'
      : 'errored';
  return {
    customId,
    type,
    reason,
    ...(code !== undefined ? { code } : {}),
    ...(status !== undefined ? { status } : {}),
  };
}

/** Together's batch API (`/v1/files` with purpose `batch-api`, `/v1/batches`), through `together-ai`. */
export function createTogetherBatch(deps: TogetherBatchDeps): ModelBatchV1 {
  const { call, once } = batchControlCalls(deps);
  const line = (request: BatchRequestV1): TogetherBatchInputLine => {
    // `stream` could only come from the user's provider options; a batch line never streams.
    const { stream: _stream, stream_options: _options, ...body } = deps.body(request.request);
    return { custom_id: request.customId, body };
  };
  const list = async (signal: AbortSignal | undefined) =>
    call('the batch list', signal, (c, s) => c.batches.list({ signal: s }));

  return {
    specificationVersion: 'v1',
    limits: LIMITS,
    pricing(model) {
      return BATCH_PRICES[model.toLowerCase()];
    },
    size(request) {
      return Buffer.byteLength(JSON.stringify(line(request))) + 1;
    },
    async submit(submission, options = {}) {
      // Together batches take no metadata: the runtime traces a lost one by its input file.
      assertBatchSubmission(submission, { provider: deps.providerId, label: deps.label, limits: LIMITS });
      const dir = await mkdtemp(path.join(tmpdir(), 'distill-batch-'));
      try {
        const file = path.join(dir, `${submission.metadata.distillery_batch ?? 'batch'}.jsonl`);
        await writeFile(file, toJsonl(submission.requests.map(line)));
        const fileErrors = { ...deps.errorContext('batch'), subject: 'the batch input file' };
        const uploaded = await uploadTogetherFile(file, {
          ...deps.upload(fileErrors),
          errors: fileErrors,
          purpose: PURPOSE,
          finalize: 'get',
          signal: options.signal,
        });
        await submission.onInputStored?.(uploaded.id);
        // Not retried: a create whose answer is lost would make a second batch; `find` traces it by its input file.
        const created = await once(
          `batch of ${submission.requests.length} requests`,
          options.signal,
          (c, s) =>
            c.batches.create(
              {
                endpoint: ENDPOINT,
                input_file_id: uploaded.id,
                completion_window: '24h',
                model_id: submission.model,
              },
              { signal: s },
            ),
        );
        if (!created.job?.id) {
          throw new ProviderError(`${deps.label} accepted a batch but returned no job id.`, {
            provider: deps.providerId,
            kind: 'invalid-response',
          });
        }
        return toTogetherBatchInfo(created.job);
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    },
    async get(id, options = {}) {
      return toTogetherBatchInfo(
        await call(`batch ${id}`, options.signal, (c, s) => c.batches.retrieve(id, { signal: s })),
      );
    },
    async list(options = {}) {
      const jobs = await list(options.signal);
      return jobs
        .map(toTogetherBatchInfo)
        .sort((a, b) => b.createdAt.localeCompare(a.createdAt))
        .slice(0, options.limit ?? 20);
    },
    async find(trace, options = {}) {
      if (trace.inputId === undefined) return undefined; // no metadata on Together batches: only the input file tells
      const job = (await list(options.signal)).find((j) => j.input_file_id === trace.inputId);
      return job ? toTogetherBatchInfo(job) : undefined;
    },
    async cancel(id, options = {}) {
      return toTogetherBatchInfo(
        await call(`batch ${id}`, options.signal, (c, s) => c.batches.cancel(id, { signal: s })),
      );
    },
    async *results(info, options = {}) {
      // `raw` is the BatchJob this adapter read; its fields are read back checked, never cast.
      const job = asRecord(info.raw);
      const output =
        typeof job.output_file_id === 'string' && job.output_file_id ? job.output_file_id : undefined;
      const errorFile =
        typeof job.error_file_id === 'string' && job.error_file_id ? job.error_file_id : undefined;
      if (info.rawStatus === 'COMPLETED' && !output && !errorFile) {
        throw new ProviderError(
          `${deps.label} says batch ${info.id} completed but gave neither an output nor an error file. Check the batch in Together's dashboard.`,
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
