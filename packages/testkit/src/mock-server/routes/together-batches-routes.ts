import type { MockBatch, MockBatches } from '../mock-batches';
import type { MockFile } from '../mock-file';
import type { MockFileStore } from '../mock-file-store';
import type { MockResponse, MockRouteContext } from '../mock-route';
import { answerChatLines } from './answer-batch-lines';

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
    error: batch.errors.map((e) => (e.line !== null ? `line ${e.line}: ${e.message}` : e.message)).join('; '),
    ...(batch.endedAt !== null ? { completed_at: iso(batch.endedAt) } : {}),
  };
}

/** `POST /v1/batches` with a Together input file (`{custom_id, body}` lines): 201 `{job}`. */
export async function createTogetherBatch(
  ctx: MockRouteContext,
  body: Record<string, unknown>,
  file: MockFile,
  batches: MockBatches,
): Promise<MockResponse> {
  if (body.endpoint !== '/v1/chat/completions')
    return ctx.error(
      400,
      `endpoint must be /v1/chat/completions for this mock, got ${String(body.endpoint)}`,
    );
  if (file.purpose !== 'batch-api')
    return ctx.error(
      400,
      `File ${file.id} has purpose '${file.purpose}'; a batch needs purpose 'batch-api'.`,
    );
  const content = file.content ?? Buffer.alloc(0);
  const errors: MockBatch['errors'] = [];
  const lines: { customId: string; body: Record<string, unknown> }[] = [];
  const seen = new Set<string>();
  if (content.length > MAX_BYTES)
    errors.push({
      code: 'file_too_large',
      message: 'The input file exceeds 100 MB.',
      line: null,
      param: null,
    });
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
        errors.push({ code: 'invalid_json', message: 'Line is not valid JSON.', line, param: null });
        return;
      }
      if (!isRecord(value) || typeof value.custom_id !== 'string' || !CUSTOM_ID.test(value.custom_id)) {
        errors.push({
          code: 'invalid_custom_id',
          message: 'custom_id must be 1-64 characters of [A-Za-z0-9_-].',
          line,
          param: 'custom_id',
        });
        return;
      }
      if (seen.has(value.custom_id)) {
        errors.push({
          code: 'duplicate_custom_id',
          message: `Duplicate custom_id ${value.custom_id}.`,
          line,
          param: 'custom_id',
        });
        return;
      }
      seen.add(value.custom_id);
      if (!isRecord(value.body)) {
        errors.push({ code: 'invalid_request', message: 'Missing body.', line, param: 'body' });
        return;
      }
      lines.push({ customId: value.custom_id, body: value.body });
    });
  if (lines.length > MAX_REQUESTS)
    errors.push({
      code: 'too_many_requests',
      message: `At most ${MAX_REQUESTS} requests.`,
      line: null,
      param: null,
    });
  const answers = errors.length > 0 ? new Map() : await answerChatLines(ctx, lines);
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
    customIds: lines.map((l) => l.customId),
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
