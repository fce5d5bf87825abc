import type { MockBatch, MockBatches } from '../mock-batches';
import type { MockFile } from '../mock-file';
import type { MockFileStore } from '../mock-file-store';
import type { MockResponse, MockRouteContext } from '../mock-route';
import { answerChatLines, type BatchBodyCheck } from './answer-batch-lines';
import type { BatchInputLine } from './openai-batches-routes';

const STATUS: Record<MockBatch['status'], string> = {
  validating: 'VALIDATING',
  in_progress: 'IN_PROGRESS',
  finalizing: 'IN_PROGRESS',
  cancelling: 'IN_PROGRESS',
  completed: 'COMPLETED',
  expired: 'EXPIRED',
  cancelled: 'CANCELLED',
  failed: 'FAILED',
};
const MAX_REQUESTS = 50_000;
const MAX_BYTES = 100 * 1024 * 1024;
const CUSTOM_ID = /^[A-Za-z0-9_-]{1,64}$/;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const iso = (ms: number | null) => (ms === null ? undefined : new Date(ms).toISOString());

/** Whether a request came from Together's SDK (the two APIs share `/v1/batches`). */
export function isTogetherClient(ctx: MockRouteContext): boolean {
  return ctx.flavor === 'together' || /^Together\//.test(ctx.headers['user-agent'] ?? '');
}

/** Together's `BatchJob` (ISO timestamps, upper-case status, progress 0-100). */
export function renderTogetherBatch(batch: MockBatch): Record<string, unknown> {
  const ended = ['completed', 'expired', 'cancelled', 'failed'].includes(batch.status);
  return {
    id: batch.id,
    user_id: 'user-mock',
    input_file_id: batch.inputFileId,
    file_size_bytes: 0,
    status: STATUS[batch.status],
    job_deadline: iso(batch.createdAt + 24 * 3600 * 1000),
    created_at: iso(batch.createdAt),
    endpoint: batch.endpoint,
    progress: ended ? 100 : batch.status === 'in_progress' ? 50 : 0,
    model_id: batch.model ?? '',
    output_file_id: batch.outputFileId ?? '',
    error_file_id: batch.errorFileId ?? '',
    error:
      batch.status === 'failed'
        ? batch.errors.map((e) => (e.line !== null ? `line ${e.line}: ${e.message}` : e.message)).join('; ')
        : '',
    ...(batch.endedAt !== null ? { completed_at: iso(batch.endedAt) } : {}),
  };
}

/** Together's error body (`BatchErrorResponse`: `{error: string}`), recorded as a violation when the request was at fault. */
function refuse(ctx: MockRouteContext, status: number, message: string): MockResponse {
  if (status === 400) ctx.invalid(message);
  return { status, body: { error: message } };
}

/**
 * `POST /v1/batches` with a Together input file (`{custom_id, body}` lines, docs.together.ai batch
 * inference): 201 `{job}`. The file is validated as Together does in `VALIDATING`: a bad file makes
 * a batch that fails with `error` (each problem also recorded as a violation). A body the chat
 * endpoint would refuse fails that request alone, with a 400 in the error file.
 */
export async function createTogetherBatch(
  ctx: MockRouteContext,
  body: Record<string, unknown>,
  file: MockFile | undefined,
  batches: MockBatches,
  check?: BatchBodyCheck,
): Promise<MockResponse> {
  if (typeof body.input_file_id !== 'string' || typeof body.endpoint !== 'string')
    return refuse(ctx, 400, 'input_file_id and endpoint are required.');
  if (body.endpoint !== '/v1/chat/completions')
    return refuse(
      ctx,
      400,
      `endpoint must be /v1/chat/completions for this mock, got ${String(body.endpoint)}`,
    );
  if (file?.provider !== 'together') return refuse(ctx, 404, `file ${body.input_file_id} not found`);
  if (file.purpose !== 'batch-api')
    return refuse(
      ctx,
      400,
      `File ${file.id} has purpose '${file.purpose}'; a batch needs purpose 'batch-api'.`,
    );
  const content = file.content ?? Buffer.alloc(0);
  const errors: MockBatch['errors'] = [];
  const lines: BatchInputLine[] = [];
  const seen = new Set<string>();
  const fail = (code: string, message: string, line: number | null, param: string | null) =>
    errors.push({ code, message, line, param });
  if (content.length > MAX_BYTES) fail('file_too_large', 'The input file exceeds 100 MB.', null, null);
  content
    .toString('utf8')
    .split('\n')
    .forEach((raw, index) => {
      if (raw.trim() === '') return;
      const line = index + 1;
      let value: unknown;
      try {
        value = JSON.parse(raw);
      } catch {
        fail('invalid_json', 'Line is not valid JSON.', line, null);
        return;
      }
      if (!isRecord(value)) {
        fail('invalid_request', 'Each line must be a JSON object.', line, null);
        return;
      }
      if (typeof value.custom_id !== 'string' || !CUSTOM_ID.test(value.custom_id)) {
        fail('invalid_custom_id', 'custom_id must be 1-64 characters of [A-Za-z0-9_-].', line, 'custom_id');
        return;
      }
      if (seen.has(value.custom_id)) {
        fail('duplicate_custom_id', `Duplicate custom_id ${value.custom_id}.`, line, 'custom_id');
        return;
      }
      seen.add(value.custom_id);
      if (!isRecord(value.body)) {
        fail('invalid_request', 'Missing body.', line, 'body');
        return;
      }
      if (value.body.stream === true) {
        fail('invalid_request', 'Streaming is not supported in batches.', line, 'body.stream');
        return;
      }
      lines.push({ customId: value.custom_id, line, body: value.body });
    });
  if (lines.length > MAX_REQUESTS) fail('too_many_requests', `At most ${MAX_REQUESTS} requests.`, null, null);
  if (lines.length === 0 && errors.length === 0) fail('empty_file', 'The input file is empty.', null, null);
  for (const e of errors)
    ctx.invalid(`Batch input file ${file.id}${e.line !== null ? `, line ${e.line}` : ''}: ${e.message}`);
  const answers = errors.length > 0 ? new Map() : await answerChatLines(ctx, lines, 'together', check);
  const model =
    typeof body.model_id === 'string'
      ? body.model_id
      : typeof lines[0]?.body.model === 'string'
        ? lines[0].body.model
        : null;
  const batch = batches.create({
    api: 'together',
    endpoint: '/v1/chat/completions',
    inputFileId: file.id,
    metadata: null,
    model,
    customIds: errors.length > 0 ? [] : lines.map((l) => l.customId),
    answers,
    errors,
  });
  return { status: 201, body: { job: renderTogetherBatch(batch) } };
}

/** Writes the output and error files of a Together batch that has just ended. */
export function writeTogetherResultFiles(batch: MockBatch, files: MockFileStore): void {
  let output = '';
  let errors = '';
  batch.customIds.forEach((customId, index) => {
    if (index >= batch.answered) {
      const code = batch.status === 'cancelled' ? 'cancelled' : 'expired';
      errors += `${JSON.stringify({ custom_id: customId, error: { message: `Request ${code} before it ran.`, code } })}\n`;
      return;
    }
    const answer = batch.answers.get(customId)!;
    if (answer.status < 400) {
      output += `${JSON.stringify({ custom_id: customId, response: { status_code: answer.status, body: answer.body } })}\n`;
    } else {
      const message =
        (answer.body as { error?: { message?: string } } | undefined)?.error?.message ??
        `HTTP ${answer.status}`;
      errors += `${JSON.stringify({ custom_id: customId, error: { message, code: answer.status } })}\n`;
    }
  });
  const store = (text: string, name: string) => {
    const file = files.create({
      provider: 'together',
      filename: name,
      purpose: 'batch-generated',
      fileType: 'jsonl',
    });
    files.setContent(file, Buffer.from(text));
    return file.id;
  };
  if (output !== '') batch.outputFileId = store(output, `${batch.id}_output.jsonl`);
  if (errors !== '') batch.errorFileId = store(errors, `${batch.id}_errors.jsonl`);
}

/** `GET /v1/batches` of Together: a bare array, newest first. */
export function listTogetherBatches(batches: MockBatches): MockResponse {
  return {
    body: batches
      .list()
      .filter((b) => b.api === 'together')
      .reverse()
      .map(renderTogetherBatch),
  };
}
