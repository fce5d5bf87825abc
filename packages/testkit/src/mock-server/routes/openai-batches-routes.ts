import type { MockBatch, MockBatchAnswer, MockBatches } from '../mock-batches';
import type { MockFileStore } from '../mock-file-store';
import type { MockResponse, MockRouteContext } from '../mock-route';
import { defineMockRoute, type MockRouteDefinition } from '../mock-route-definition';
import { randomAlnum } from '../random-id';
import { answerChatLines } from './answer-batch-lines';
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

/** The OpenAI `Batch` object of a mock batch (Together batches answer through their own routes). */
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
    errors: batch.errors.length > 0 ? { object: 'list', data: batch.errors.map((e) => ({ ...e })) } : null,
    input_file_id: batch.inputFileId,
    completion_window: '24h',
    status: batch.status,
    output_file_id: batch.outputFileId,
    // A clean batch reports "" (as the real API sometimes does): clients must read it as none.
    error_file_id: batch.errorFileId ?? (ended ? '' : null),
    created_at: seconds(batch.createdAt),
    in_progress_at: batch.status === 'validating' ? null : seconds(batch.createdAt),
    expires_at: seconds(batch.createdAt + 24 * 3600 * 1000),
    finalizing_at: null,
    completed_at: batch.status === 'completed' ? seconds(batch.endedAt) : null,
    failed_at: batch.status === 'failed' ? seconds(batch.endedAt) : null,
    expired_at: batch.status === 'expired' ? seconds(batch.endedAt) : null,
    cancelling_at: seconds(batch.cancelRequestedAt) ?? null,
    cancelled_at: batch.status === 'cancelled' ? seconds(batch.endedAt) : null,
    request_counts: {
      total: batch.customIds.length,
      completed: ok,
      failed: ended ? batch.customIds.length - ok : 0,
    },
    metadata: batch.metadata,
  };
  if (batch.model) out.model = batch.model;
  return out;
}

/** Parses and checks an input file the way the Batch API does; errors carry the 1-based line. */
function readInput(
  content: Buffer,
  endpoint: string,
): { lines: { customId: string; body: Record<string, unknown> }[]; errors: MockBatch['errors'] } {
  const errors: MockBatch['errors'] = [];
  const lines: { customId: string; body: Record<string, unknown> }[] = [];
  const seen = new Set<string>();
  const models = new Set<string>();
  const text = content.toString('utf8');
  if (content.length > MAX_BYTES) {
    errors.push({
      code: 'file_too_large',
      message: 'The input file exceeds 200 MB.',
      line: null,
      param: null,
    });
  }
  text.split('\n').forEach((raw, index) => {
    const line = index + 1;
    if (raw.trim() === '') return;
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch {
      errors.push({
        code: 'invalid_json_line',
        message: 'This line is not parseable as valid JSON.',
        line,
        param: null,
      });
      return;
    }
    if (!isRecord(value)) {
      errors.push({
        code: 'invalid_request',
        message: 'Each line must be a JSON object.',
        line,
        param: null,
      });
      return;
    }
    const customId = value.custom_id;
    if (typeof customId !== 'string' || customId === '') {
      errors.push({
        code: 'missing_required_parameter',
        message: 'Missing custom_id.',
        line,
        param: 'custom_id',
      });
      return;
    }
    if (seen.has(customId)) {
      errors.push({
        code: 'duplicate_custom_id',
        message:
          'The custom_id for this request is a duplicate of another request. The custom_id parameter must be unique for each request in a batch.',
        line,
        param: 'custom_id',
      });
      return;
    }
    seen.add(customId);
    if (value.method !== 'POST') {
      errors.push({ code: 'invalid_method', message: "Only 'POST' is supported.", line, param: 'method' });
      return;
    }
    if (value.url !== endpoint) {
      errors.push({
        code: 'mismatched_endpoint',
        message: `The url of this request (${String(value.url)}) does not match the batch's endpoint (${endpoint}).`,
        line,
        param: 'url',
      });
      return;
    }
    if (!isRecord(value.body)) {
      errors.push({ code: 'invalid_request', message: 'Missing body.', line, param: 'body' });
      return;
    }
    if (value.body.stream === true) {
      errors.push({
        code: 'invalid_request',
        message: 'Streaming is not supported in batches.',
        line,
        param: 'body.stream',
      });
      return;
    }
    if (typeof value.body.model === 'string') models.add(value.body.model);
    if (models.size > 1) {
      errors.push({
        code: 'mismatched_model',
        message: 'All requests in a batch must use the same model.',
        line,
        param: 'body.model',
      });
      return;
    }
    lines.push({ customId, body: value.body });
  });
  if (lines.length > MAX_REQUESTS) {
    errors.push({
      code: 'too_many_requests',
      message: `A batch holds at most ${MAX_REQUESTS} requests.`,
      line: null,
      param: null,
    });
  }
  if (lines.length === 0 && errors.length === 0) {
    errors.push({ code: 'empty_file', message: 'The input file is empty.', line: null, param: null });
  }
  return { lines, errors };
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
export function createOpenAiBatchesRoutes(batches: MockBatches, files: MockFileStore): MockRouteDefinition[] {
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
        if (together?.provider === 'together') return createTogetherBatch(ctx, body, together, batches);
        for (const field of ['input_file_id', 'endpoint', 'completion_window']) {
          if (typeof body[field] !== 'string')
            return ctx.error(400, `Missing required parameter: '${field}'.`, {
              param: field,
              code: 'missing_required_parameter',
            });
        }
        const endpoint = body.endpoint as string;
        if (!ENDPOINTS.includes(endpoint))
          return ctx.error(400, `'${endpoint}' is not one of ${JSON.stringify(ENDPOINTS)} - 'endpoint'`, {
            param: 'endpoint',
          });
        if (!SUPPORTED.includes(endpoint))
          return ctx.error(400, `The mock answers only ${SUPPORTED.join(', ')} in batches.`, {
            param: 'endpoint',
          });
        if (body.completion_window !== '24h')
          return ctx.error(
            400,
            `'${String(body.completion_window)}' is not one of ['24h'] - 'completion_window'`,
            {
              param: 'completion_window',
            },
          );
        if (body.metadata !== undefined && body.metadata !== null) {
          if (!isRecord(body.metadata) || Object.values(body.metadata).some((v) => typeof v !== 'string'))
            return ctx.error(400, 'metadata must be a map of strings.', { param: 'metadata' });
          if (Object.keys(body.metadata).length > 16)
            return ctx.error(400, 'metadata holds at most 16 keys.', { param: 'metadata' });
        }
        const file = files.get(body.input_file_id as string);
        if (file?.provider !== 'openai')
          return ctx.error(404, `No such File object: ${String(body.input_file_id)}`, {
            param: 'input_file_id',
          });
        if (file.purpose !== 'batch')
          return ctx.error(
            400,
            `File ${file.id} has purpose '${file.purpose}'; a batch needs purpose 'batch'.`,
            {
              param: 'input_file_id',
            },
          );
        const { lines, errors } = readInput(file.content ?? Buffer.alloc(0), endpoint);
        const answers =
          errors.length > 0 ? new Map<string, MockBatchAnswer>() : await answerChatLines(ctx, lines);
        const model = typeof lines[0]?.body.model === 'string' ? lines[0].body.model : null;
        const batch = batches.create({
          api: 'openai',
          endpoint,
          inputFileId: file.id,
          metadata: (body.metadata as Record<string, string> | undefined) ?? null,
          model,
          customIds: lines.map((l) => l.customId),
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
        if (!['validating', 'in_progress', 'finalizing', 'cancelling'].includes(batch.status))
          return ctx.error(409, `Cannot cancel a batch with status '${batch.status}'.`);
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
  return {
    body: {
      object: 'list',
      data: page.map(renderOpenAiBatch),
      first_id: page[0]?.id ?? null,
      last_id: page.at(-1)?.id ?? null,
      has_more: rest.length > page.length,
    },
  };
}
