import type { MockBatch, MockBatchAnswer, MockBatches } from '../mock-batches';
import type { MockFileStore } from '../mock-file-store';
import type { MockResponse, MockRouteContext } from '../mock-route';
import { defineMockRoute, type MockRouteDefinition } from '../mock-route-definition';
import { randomAlnum } from '../random-id';
import { answerChatLines, type BatchBodyCheck } from './answer-batch-lines';
import {
  createTogetherBatch,
  isTogetherClient,
  listTogetherBatches,
  renderTogetherBatch,
  writeTogetherResultFiles,
} from './together-batches-routes';

const ENDPOINTS = [
  '/v1/responses',
  '/v1/chat/completions',
  '/v1/embeddings',
  '/v1/completions',
  '/v1/moderations',
  '/v1/images/generations',
  '/v1/images/edits',
  '/v1/videos',
];
/** The endpoints this mock can answer inside a batch. */
const SUPPORTED = ['/v1/chat/completions'];
const MAX_REQUESTS = 50_000;
const MAX_BYTES = 200 * 1024 * 1024;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const seconds = (ms: number | null) => (ms === null ? undefined : Math.floor(ms / 1000));

/** OpenAI's metadata limits (openai-openapi `Metadata`): 16 pairs, keys of 64 and values of 512 characters. */
const METADATA_PAIRS = 16;
const METADATA_KEY_LENGTH = 64;
const METADATA_VALUE_LENGTH = 512;

/**
 * The OpenAI `Batch` object of a mock batch (Together batches answer through their own routes).
 * Fields without a value are left out: the spec types them as plain strings and integers (not
 * nullable), and the SDK as optional. The live API sends `null` for them; clients read both.
 */
export function renderOpenAiBatch(batch: MockBatch): Record<string, unknown> {
  const ended = batch.status === 'completed' || batch.status === 'expired' || batch.status === 'cancelled';
  const answered = ended ? batch.answered : 0;
  const ok = ended
    ? batch.customIds.slice(0, answered).filter((id) => (batch.answers.get(id)?.status ?? 500) < 400).length
    : 0;
  const out: Record<string, unknown> = {
    id: batch.id,
    object: 'batch',
    endpoint: batch.endpoint,
    input_file_id: batch.inputFileId,
    completion_window: '24h',
    status: batch.status,
    created_at: seconds(batch.createdAt),
    expires_at: seconds(batch.createdAt + 24 * 3600 * 1000),
    request_counts: {
      total: batch.customIds.length,
      completed: ok,
      failed: ended ? batch.customIds.length - ok : 0,
    },
    metadata: batch.metadata,
  };
  const optional: Record<string, unknown> = {
    errors:
      batch.status === 'failed' && batch.errors.length > 0
        ? { object: 'list', data: batch.errors.map((e) => ({ ...e })) }
        : undefined,
    output_file_id: batch.outputFileId,
    // A clean batch reports "" (as the real API sometimes does): clients must read it as none.
    error_file_id: batch.errorFileId ?? (ended ? '' : undefined),
    in_progress_at:
      batch.status === 'validating' || batch.status === 'failed' ? undefined : seconds(batch.createdAt),
    completed_at: batch.status === 'completed' ? seconds(batch.endedAt) : undefined,
    failed_at: batch.status === 'failed' ? seconds(batch.endedAt) : undefined,
    expired_at: batch.status === 'expired' ? seconds(batch.endedAt) : undefined,
    cancelling_at: seconds(batch.cancelRequestedAt),
    cancelled_at: batch.status === 'cancelled' ? seconds(batch.endedAt) : undefined,
    model: batch.model,
  };
  for (const [key, value] of Object.entries(optional))
    if (value !== undefined && value !== null) out[key] = value;
  return out;
}

/** One line of an input file, read: its 1-based number, custom id and request body. */
export interface BatchInputLine {
  customId: string;
  line: number;
  body: Record<string, unknown>;
}

/**
 * Parses and checks an input file the way the Batch API validates it before running (the codes
 * it documents: `invalid_json_line`, `duplicate_custom_id`, `url_mismatch`, `model_mismatch`,
 * `empty_file`, `too_many_tasks`); errors carry the 1-based line. A body the endpoint would refuse
 * is not a file error: that request fails alone when it runs (see `answerChatLines`).
 */
function readInput(
  content: Buffer,
  endpoint: string,
): { lines: BatchInputLine[]; errors: MockBatch['errors'] } {
  const errors: MockBatch['errors'] = [];
  const lines: BatchInputLine[] = [];
  const seen = new Set<string>();
  let model: string | undefined;
  const fail = (code: string, message: string, line: number | null, param: string | null) =>
    errors.push({ code, message, line, param });
  if (content.length > MAX_BYTES) fail('file_too_large', 'The input file exceeds 200 MB.', null, null);
  content
    .toString('utf8')
    .split('\n')
    .forEach((raw, index) => {
      const line = index + 1;
      if (raw.trim() === '') return;
      let value: unknown;
      try {
        value = JSON.parse(raw);
      } catch {
        fail('invalid_json_line', 'This line is not parseable as valid JSON.', line, null);
        return;
      }
      if (!isRecord(value)) {
        fail('invalid_request', 'Each line must be a JSON object.', line, null);
        return;
      }
      const customId = value.custom_id;
      if (typeof customId !== 'string' || customId === '') {
        fail(
          'missing_required_parameter',
          customId === undefined
            ? "Missing required parameter: 'custom_id'."
            : "Invalid 'custom_id': expected a non-empty string.",
          line,
          'custom_id',
        );
        return;
      }
      if (seen.has(customId)) {
        fail(
          'duplicate_custom_id',
          'The custom_id for this request is a duplicate of another request. The custom_id parameter must be unique for each request in a batch.',
          line,
          'custom_id',
        );
        return;
      }
      seen.add(customId);
      if (value.method !== 'POST') {
        fail(
          'invalid_method',
          value.method === undefined
            ? "Missing required parameter: 'method'."
            : `Invalid 'method': only 'POST' is supported, got ${JSON.stringify(value.method)}.`,
          line,
          'method',
        );
        return;
      }
      if (value.url !== endpoint) {
        fail(
          'url_mismatch',
          `The provided url '${String(value.url)}' does not match the batch endpoint '${endpoint}'.`,
          line,
          'url',
        );
        return;
      }
      if (!isRecord(value.body)) {
        fail('missing_required_parameter', "Missing required parameter: 'body'.", line, 'body');
        return;
      }
      if (value.body.stream === true) {
        fail('invalid_request', 'Streaming is not supported in batches.', line, 'body.stream');
        return;
      }
      const lineModel = value.body.model;
      if (typeof lineModel === 'string') {
        model ??= lineModel;
        if (lineModel !== model) {
          fail(
            'model_mismatch',
            `The provided model '${lineModel}' does not match the model '${model}' of the batch's other requests. All requests in a batch must use the same model.`,
            line,
            'body.model',
          );
          return;
        }
      }
      lines.push({ customId, line, body: value.body });
    });
  if (lines.length > MAX_REQUESTS)
    fail(
      'too_many_tasks',
      `A batch holds at most ${MAX_REQUESTS} requests; this file has ${lines.length}.`,
      null,
      null,
    );
  if (lines.length === 0 && errors.length === 0) fail('empty_file', 'The input file is empty.', null, null);
  return { lines, errors };
}

/** The problem with a batch's metadata beyond its type (the spec states these limits in words only), or null. */
function metadataProblem(metadata: Record<string, unknown>): { message: string; param: string } | null {
  const entries = Object.entries(metadata);
  if (entries.length > METADATA_PAIRS)
    return {
      message: `Invalid 'metadata': too many properties. Expected an object with at most ${METADATA_PAIRS} properties, but got an object with ${entries.length} properties instead.`,
      param: 'metadata',
    };
  for (const [key, value] of entries) {
    if (key.length > METADATA_KEY_LENGTH)
      return {
        message: `Invalid 'metadata': key '${key.slice(0, 80)}' is too long. Expected keys of at most ${METADATA_KEY_LENGTH} characters, but got ${key.length}.`,
        param: 'metadata',
      };
    if (typeof value === 'string' && value.length > METADATA_VALUE_LENGTH)
      return {
        message: `Invalid 'metadata.${key}': string too long. Expected a string with maximum length ${METADATA_VALUE_LENGTH}, but got a string with length ${value.length} instead.`,
        param: `metadata.${key}`,
      };
  }
  return null;
}

/** Writes the output and error files of an OpenAI batch that has just ended. */
function writeResultFiles(batch: MockBatch, files: MockFileStore): void {
  let output = '';
  let errors = '';
  batch.customIds.forEach((customId, index) => {
    const id = `batch_req_${randomAlnum(24)}`;
    if (index >= batch.answered) {
      const code = batch.status === 'cancelled' ? 'batch_cancelled' : 'batch_expired';
      const message =
        code === 'batch_expired'
          ? 'This request could not be executed before the completion window expired.'
          : 'This request was cancelled before it was executed.';
      errors += `${JSON.stringify({ id, custom_id: customId, response: null, error: { code, message } })}\n`;
      return;
    }
    const answer = batch.answers.get(customId)!;
    const line = {
      id,
      custom_id: customId,
      response: { status_code: answer.status, request_id: `req_${randomAlnum(24)}`, body: answer.body },
      error: null,
    };
    if (answer.status < 400) output += `${JSON.stringify(line)}\n`;
    else errors += `${JSON.stringify(line)}\n`;
  });
  const store = (filename: string, content: string): string | null => {
    if (content === '') return null;
    const file = files.create({ provider: 'openai', filename, purpose: 'batch_output', fileType: 'jsonl' });
    files.setContent(file, Buffer.from(content));
    return file.id;
  };
  batch.outputFileId = store('batch_output.jsonl', output) ?? batch.outputFileId;
  batch.errorFileId = store('batch_errors.jsonl', errors) ?? batch.errorFileId;
}

function notFound(ctx: MockRouteContext, id: string): MockResponse {
  // Together answers its batch routes' errors as `{error: string}` (its spec's `BatchErrorResponse`).
  if (isTogetherClient(ctx)) return { status: 404, body: { error: `batch job ${id} not found` } };
  return ctx.error(404, `No batch found with id '${id}'.`, { code: 'batch_not_found' });
}

/** Retrieves a batch of the given API, moving it on one poll (and writing its files when it ends). */
function retrieve(batches: MockBatches, files: MockFileStore, id: string): MockBatch | undefined {
  const batch = batches.get(id);
  if (!batch || batch.api === 'anthropic') return undefined;
  if (batches.poll(batch)) {
    if (batch.api === 'together') writeTogetherResultFiles(batch, files);
    else writeResultFiles(batch, files);
  }
  return batch;
}

/**
 * OpenAI's Batch API (and Together's, which shares its paths: a Together input file or client
 * selects Together's shapes): `POST /v1/batches` (input file of purpose `batch`, `/v1/chat/completions`
 * lines answered through the chat route), `GET /v1/batches[/:id]`, `POST /v1/batches/:id/cancel`.
 * Results and errors are files read through `GET /v1/files/:id/content`.
 */
export function createOpenAiBatchesRoutes(
  batches: MockBatches,
  files: MockFileStore,
  check?: BatchBodyCheck,
): MockRouteDefinition[] {
  const options = { auth: 'bearer', errorFormat: 'openai' } as const;
  return [
    defineMockRoute({
      method: 'POST',
      path: '/v1/batches',
      options,
      async handler(ctx) {
        const body = ctx.body;
        if (!isRecord(body)) return ctx.error(400, 'We could not parse the JSON body of your request.');
        const together = typeof body.input_file_id === 'string' ? files.get(body.input_file_id) : undefined;
        if (together?.provider === 'together' || isTogetherClient(ctx))
          return createTogetherBatch(ctx, body, together, batches, check);
        // The spec validator has checked the body's shape (required fields, enums, metadata of
        // strings) before this runs; these repeat it for a server started with validation off.
        for (const field of ['input_file_id', 'endpoint', 'completion_window']) {
          if (typeof body[field] !== 'string')
            return ctx.invalid(`Missing required parameter: '${field}'.`, {
              param: field,
              code: 'missing_required_parameter',
            });
        }
        const endpoint = body.endpoint as string;
        if (!ENDPOINTS.includes(endpoint))
          return ctx.invalid(`'${endpoint}' is not one of ${JSON.stringify(ENDPOINTS)} - 'endpoint'`, {
            param: 'endpoint',
          });
        if (!SUPPORTED.includes(endpoint))
          return ctx.error(400, `The mock answers only ${SUPPORTED.join(', ')} in batches.`, {
            param: 'endpoint',
          });
        if (body.completion_window !== '24h')
          return ctx.invalid(
            `'${String(body.completion_window)}' is not one of ['24h'] - 'completion_window'`,
            {
              param: 'completion_window',
            },
          );
        if (body.metadata !== undefined && body.metadata !== null) {
          if (!isRecord(body.metadata) || Object.values(body.metadata).some((v) => typeof v !== 'string'))
            return ctx.invalid("Invalid type for 'metadata': expected an object of strings.", {
              param: 'metadata',
            });
          const problem = metadataProblem(body.metadata);
          if (problem) return ctx.invalid(problem.message, { param: problem.param });
        }
        const file = files.get(body.input_file_id as string);
        if (file?.provider !== 'openai')
          return ctx.error(404, `No such File object: ${String(body.input_file_id)}`, {
            param: 'input_file_id',
          });
        if (file.purpose !== 'batch')
          return ctx.invalid(
            `File ${file.id} has purpose '${file.purpose}'; a batch needs purpose 'batch'.`,
            {
              param: 'input_file_id',
            },
          );
        const { lines, errors } = readInput(file.content ?? Buffer.alloc(0), endpoint);
        // A bad input file is no 400: the batch is created and fails its validation, with `errors`.
        // Each problem is also recorded as a violation, so the test that wrote the file fails.
        for (const e of errors)
          ctx.invalid(
            `Batch input file ${file.id}${e.line !== null ? `, line ${e.line}` : ''}: ${e.code}: ${e.message}`,
            { param: e.param },
          );
        const answers =
          errors.length > 0
            ? new Map<string, MockBatchAnswer>()
            : await answerChatLines(ctx, lines, 'openai', check);
        const model = typeof lines[0]?.body.model === 'string' ? lines[0].body.model : null;
        const batch = batches.create({
          api: 'openai',
          endpoint,
          inputFileId: file.id,
          metadata: (body.metadata as Record<string, string> | undefined) ?? null,
          model,
          customIds: errors.length > 0 ? [] : lines.map((l) => l.customId),
          answers,
          errors,
        });
        return { body: renderOpenAiBatch(batch) };
      },
    }),
    defineMockRoute({
      method: 'GET',
      path: '/v1/batches/:id',
      options,
      handler(ctx) {
        const batch = retrieve(batches, files, ctx.params.id!);
        if (!batch) return notFound(ctx, ctx.params.id!);
        return { body: batch.api === 'together' ? renderTogetherBatch(batch) : renderOpenAiBatch(batch) };
      },
    }),
    defineMockRoute({
      method: 'POST',
      path: '/v1/batches/:id/cancel',
      options,
      handler(ctx) {
        const batch = batches.get(ctx.params.id!);
        if (!batch || batch.api === 'anthropic') return notFound(ctx, ctx.params.id!);
        if (!['validating', 'in_progress', 'finalizing', 'cancelling'].includes(batch.status)) {
          const message = `Cannot cancel a batch with status '${batch.status}'.`;
          return batch.api === 'together'
            ? { status: 409, body: { error: message } }
            : ctx.error(409, message);
        }
        batches.cancel(batch);
        return { body: batch.api === 'together' ? renderTogetherBatch(batch) : renderOpenAiBatch(batch) };
      },
    }),
    defineMockRoute({
      method: 'GET',
      path: '/v1/batches',
      options,
      handler: (ctx) =>
        isTogetherClient(ctx) ? listTogetherBatches(batches) : listOpenAiBatches(ctx, batches),
    }),
  ];
}

/** `GET /v1/batches` of OpenAI: a cursor page, newest first. */
export function listOpenAiBatches(ctx: MockRouteContext, batches: MockBatches): MockResponse {
  const list = batches
    .list()
    .filter((b) => b.api === 'openai')
    .reverse();
  const limit = ctx.query.limit === undefined ? 20 : Number(ctx.query.limit);
  if (!Number.isInteger(limit) || limit < 1 || limit > 100)
    return ctx.error(400, `Invalid limit: ${ctx.query.limit}. limit must be an integer between 1 and 100.`, {
      param: 'limit',
    });
  let rest = list;
  if (ctx.query.after !== undefined) {
    const index = list.findIndex((b) => b.id === ctx.query.after);
    rest = index < 0 ? [] : list.slice(index + 1);
  }
  const page = rest.slice(0, limit);
  // `first_id`/`last_id` are strings in the spec (never null): an empty page leaves them out.
  return {
    body: {
      object: 'list',
      data: page.map(renderOpenAiBatch),
      ...(page.length > 0 ? { first_id: page[0]!.id, last_id: page.at(-1)!.id } : {}),
      has_more: rest.length > page.length,
    },
  };
}
