import type { MockBatch, MockBatchAnswer, MockBatches } from '../mock-batches';
import type { MockResponse, MockRouteContext } from '../mock-route';
import { defineMockRoute, type MockRouteDefinition } from '../mock-route-definition';
import { anthropicMessagesRoute } from './anthropic-messages-route';
import { validateAnthropicMessagesRequest } from './validate-anthropic-messages-request';

/** The batch-processing guide's limits: 100,000 requests or 256 MB, whichever comes first. */
const MAX_REQUESTS = 100_000;
const MAX_BYTES = 256 * 1024 * 1024;
const CUSTOM_ID = /^[a-zA-Z0-9_-]{1,64}$/;
/** Fields of `BatchCreateParams` (SDK 1.12); the API refuses any other. */
const CREATE_FIELDS = new Set(['requests', 'user_profile_id', 'workspace_id']);
const DAY_MS = 24 * 3600 * 1000;

/** Checks one request's `params` against the Messages schema; a message, or null when valid. */
export type AnthropicParamsCheck = (params: Record<string, unknown>) => string | null;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
const ENDED: readonly MockBatch['status'][] = ['completed', 'expired', 'cancelled', 'failed'];
const ended = (batch: MockBatch) => ENDED.includes(batch.status);

/** The base URL the client reached the mock at (for `results_url`). */
function origin(ctx: MockRouteContext): string {
  return `http://${ctx.headers.host ?? '127.0.0.1'}`;
}

/** Anthropic's `MessageBatch` of a mock batch (counts other than `processing` stay 0 until it ends). */
export function renderAnthropicBatch(batch: MockBatch, base: string): Record<string, unknown> {
  const done = ended(batch);
  const counts = { processing: 0, succeeded: 0, errored: 0, canceled: 0, expired: 0 };
  if (!done) counts.processing = batch.customIds.length;
  else
    batch.customIds.forEach((id, index) => {
      if (index >= batch.answered) {
        if (batch.status === 'cancelled') counts.canceled++;
        else counts.expired++;
      } else if ((batch.answers.get(id)?.status ?? 500) < 400) counts.succeeded++;
      else counts.errored++;
    });
  return {
    id: batch.id,
    type: 'message_batch',
    processing_status: done ? 'ended' : batch.status === 'cancelling' ? 'canceling' : 'in_progress',
    request_counts: counts,
    ended_at: done ? iso(batch.endedAt) : null,
    created_at: iso(batch.createdAt),
    expires_at: iso(batch.createdAt + DAY_MS),
    archived_at: null,
    cancel_initiated_at: iso(batch.cancelRequestedAt),
    results_url: done ? `${base}/v1/messages/batches/${batch.id}/results` : null,
  };
}

/** One results line (`MessageBatchIndividualResponse`). */
function resultLine(batch: MockBatch, customId: string, index: number): Record<string, unknown> {
  if (index >= batch.answered)
    return { custom_id: customId, result: { type: batch.status === 'cancelled' ? 'canceled' : 'expired' } };
  const answer = batch.answers.get(customId)!;
  if (answer.status < 400)
    return { custom_id: customId, result: { type: 'succeeded', message: answer.body } };
  const body = isRecord(answer.body) ? answer.body : {};
  const inner = isRecord(body.error) ? body.error : {};
  const error = {
    type: typeof inner.type === 'string' ? inner.type : 'api_error',
    message: typeof inner.message === 'string' ? inner.message : `HTTP ${answer.status}`,
  };
  return { custom_id: customId, result: { type: 'errored', error: { type: 'error', error } } };
}

/** The problem with a create body, as Anthropic words it, or null. */
function checkCreate(
  body: unknown,
  size: number,
  checkParams: AnthropicParamsCheck | undefined,
):
  | { message: string; requests?: never }
  | { message?: never; requests: { customId: string; params: Record<string, unknown> }[] } {
  if (!isRecord(body)) return { message: 'There was an error parsing the body of your request as JSON' };
  const extra = Object.keys(body).filter((k) => !CREATE_FIELDS.has(k));
  if (extra.length > 0) return { message: `${extra[0]}: Extra inputs are not permitted` };
  if (!Array.isArray(body.requests)) return { message: 'requests: Field required' };
  if (body.requests.length === 0)
    return { message: 'requests: List should have at least 1 item after validation, not 0' };
  if (body.requests.length > MAX_REQUESTS)
    return {
      message: `requests: List should have at most ${MAX_REQUESTS} items after validation, not ${body.requests.length}`,
    };
  if (size > MAX_BYTES)
    return { message: `Request body exceeds the ${MAX_BYTES / 1024 / 1024} MB limit of a batch.` };
  const seen = new Set<string>();
  const requests: { customId: string; params: Record<string, unknown> }[] = [];
  for (const [i, request] of body.requests.entries()) {
    const at = `requests.${i}`;
    if (!isRecord(request)) return { message: `${at}: Input should be a valid dictionary` };
    const other = Object.keys(request).filter((k) => k !== 'custom_id' && k !== 'params');
    if (other.length > 0) return { message: `${at}.${other[0]}: Extra inputs are not permitted` };
    const customId = request.custom_id;
    if (typeof customId !== 'string') return { message: `${at}.custom_id: Field required` };
    if (customId.length > 64) return { message: `${at}.custom_id: String should have at most 64 characters` };
    if (!CUSTOM_ID.test(customId))
      return { message: `${at}.custom_id: String should match pattern '^[a-zA-Z0-9_-]{1,64}$'` };
    if (seen.has(customId))
      return {
        message: `${at}.custom_id: Duplicate custom_id '${customId}'; each request in a batch needs its own.`,
      };
    seen.add(customId);
    const params = request.params;
    if (!isRecord(params)) return { message: `${at}.params: Field required` };
    if (params.stream !== undefined && params.stream !== false)
      return { message: `${at}.params.stream: Streaming is not supported in message batches.` };
    const problem = checkParams?.(params) ?? validateAnthropicMessagesRequest(params);
    if (problem) return { message: `${at}.params.${problem}` };
    requests.push({ customId, params });
  }
  return { requests };
}

/** Answers every request through the Messages route (so `onChat`, scripts and validation apply). */
async function answer(
  ctx: MockRouteContext,
  requests: readonly { customId: string; params: Record<string, unknown> }[],
): Promise<Map<string, MockBatchAnswer>> {
  const answers = new Map<string, MockBatchAnswer>();
  for (const request of requests) {
    const response = (await anthropicMessagesRoute.handler({
      ...ctx,
      method: 'POST',
      path: '/v1/messages',
      body: request.params,
      fault: undefined,
    })) as MockResponse;
    answers.set(request.customId, { status: response.status ?? 200, body: response.body });
  }
  return answers;
}

/**
 * Anthropic's Message Batches: `POST /v1/messages/batches` (every request checked as the API
 * does: custom ids `^[a-zA-Z0-9_-]{1,64}$` and unique, Messages params by `checkParams`, no
 * streaming, 100,000 requests and 256 MB at most), `GET /v1/messages/batches[/:id]`,
 * `POST …/:id/cancel`, `GET …/:id/results` (JSONL, once ended), `DELETE …/:id` (once ended).
 * A batch moves on as it is retrieved, by `server.batches.configure()`.
 */
export function createAnthropicBatchesRoutes(
  batches: MockBatches,
  checkParams?: AnthropicParamsCheck,
): MockRouteDefinition[] {
  const options = { auth: 'anthropic', errorFormat: 'anthropic' } as const;
  const find = (ctx: MockRouteContext): MockBatch | undefined => {
    const batch = batches.get(ctx.params.id!);
    return batch?.api === 'anthropic' ? batch : undefined;
  };
  const notFound = (ctx: MockRouteContext) =>
    ctx.error(404, `message_batch ${ctx.params.id} not found`, { type: 'not_found_error' });
  const guarded =
    (handler: (ctx: MockRouteContext) => MockResponse | Promise<MockResponse>) => (ctx: MockRouteContext) =>
      ctx.headers['anthropic-version'] ? handler(ctx) : ctx.invalid('anthropic-version: header is required');
  return [
    defineMockRoute({
      method: 'POST',
      path: '/v1/messages/batches',
      options,
      handler: guarded(async (ctx) => {
        const checked = checkCreate(ctx.body, ctx.rawBody.length, checkParams);
        if (checked.message !== undefined) return ctx.invalid(checked.message);
        const models = new Set(checked.requests.map((r) => r.params.model));
        const batch = batches.create({
          api: 'anthropic',
          endpoint: '/v1/messages',
          inputFileId: null,
          metadata: null,
          model: models.size === 1 ? String([...models][0]) : null,
          customIds: checked.requests.map((r) => r.customId),
          answers: await answer(ctx, checked.requests),
        });
        return { body: renderAnthropicBatch(batch, origin(ctx)) };
      }),
    }),
    defineMockRoute({
      method: 'GET',
      path: '/v1/messages/batches/:id',
      options,
      handler: guarded((ctx) => {
        const batch = find(ctx);
        if (!batch) return notFound(ctx);
        batches.poll(batch);
        return { body: renderAnthropicBatch(batch, origin(ctx)) };
      }),
    }),
    defineMockRoute({
      method: 'GET',
      path: '/v1/messages/batches/:id/results',
      options,
      handler: guarded((ctx) => {
        const batch = find(ctx);
        if (!batch) return notFound(ctx);
        if (!ended(batch))
          return ctx.error(404, `message_batch ${batch.id} has not ended; results are not available yet.`, {
            type: 'not_found_error',
          });
        let out = '';
        batch.customIds.forEach((id, index) => {
          out += `${JSON.stringify(resultLine(batch, id, index))}\n`;
        });
        return { headers: { 'content-type': 'application/binary' }, body: Buffer.from(out) };
      }),
    }),
    defineMockRoute({
      method: 'POST',
      path: '/v1/messages/batches/:id/cancel',
      options,
      handler: guarded((ctx) => {
        const batch = find(ctx);
        if (!batch) return notFound(ctx);
        if (ended(batch))
          return ctx.error(409, `message_batch ${batch.id} has already ended and cannot be canceled.`, {
            type: 'invalid_request_error',
          });
        batches.cancel(batch);
        return { body: renderAnthropicBatch(batch, origin(ctx)) };
      }),
    }),
    defineMockRoute({
      method: 'DELETE',
      path: '/v1/messages/batches/:id',
      options,
      handler: guarded((ctx) => {
        const batch = find(ctx);
        if (!batch) return notFound(ctx);
        if (!ended(batch))
          return ctx.error(409, `message_batch ${batch.id} is still processing; cancel it first.`, {
            type: 'invalid_request_error',
          });
        batches.delete(batch.id);
        return { body: { id: batch.id, type: 'message_batch_deleted' } };
      }),
    }),
    defineMockRoute({
      method: 'GET',
      path: '/v1/messages/batches',
      options,
      handler: guarded((ctx) => listAnthropicBatches(ctx, batches)),
    }),
  ];
}

/** `GET /v1/messages/batches`: newest first, paged by `after_id`/`before_id`, `limit` 1-1000. */
function listAnthropicBatches(ctx: MockRouteContext, batches: MockBatches): MockResponse {
  const list = batches
    .list()
    .filter((b) => b.api === 'anthropic')
    .reverse();
  const limit = ctx.query.limit === undefined ? 20 : Number(ctx.query.limit);
  if (!Number.isInteger(limit) || limit < 1 || limit > 1000)
    return ctx.invalid('limit: Input should be less than or equal to 1000 and greater than or equal to 1');
  let rest = list;
  if (ctx.query.after_id !== undefined) {
    const index = list.findIndex((b) => b.id === ctx.query.after_id);
    rest = index < 0 ? [] : list.slice(index + 1);
  } else if (ctx.query.before_id !== undefined) {
    const index = list.findIndex((b) => b.id === ctx.query.before_id);
    rest = index < 0 ? [] : list.slice(Math.max(0, index - limit), index);
  }
  const page = rest.slice(0, limit);
  return {
    body: {
      data: page.map((b) => renderAnthropicBatch(b, origin(ctx))),
      has_more: rest.length > page.length,
      first_id: page[0]?.id ?? null,
      last_id: page.at(-1)?.id ?? null,
    },
  };
}
