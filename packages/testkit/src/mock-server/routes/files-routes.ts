import { formFields } from '../form-fields';
import type { MockFile, MockFileProvider } from '../mock-file';
import { fileTypeOf, type MockFileStore } from '../mock-file-store';
import type { MockResponse, MockRouteContext } from '../mock-route';
import { defineMockRoute, type MockRouteDefinition } from '../mock-route-definition';
import { randomHex } from '../random-id';
import { renderFile, togetherFileResponse } from '../render-file';

/** Path of the presigned PUT URLs the Together upload redirects to (no auth, like S3). */
export const PRESIGNED_UPLOAD_PATH = '/presigned-upload/files';

const TOGETHER_PURPOSES = [
  'fine-tune',
  'eval',
  'batch-api',
  'eval-sample',
  'eval-output',
  'eval-summary',
  'batch-generated',
];
const TOGETHER_FILE_TYPES = ['jsonl', 'parquet', 'csv'];
const OPENAI_PURPOSES = ['assistants', 'batch', 'fine-tune', 'vision', 'user_data', 'evals'];

/** The shape a file is shown in: the server's flavor when it names one, else the API that created the file. */
function shapeFor(ctx: MockRouteContext, file: MockFile): MockFileProvider {
  return ctx.flavor === 'openai' || ctx.flavor === 'together' ? ctx.flavor : file.provider;
}

function notFound(ctx: MockRouteContext, id: string): MockResponse {
  return ctx.error(404, `No such File object: ${id}`, { param: 'id' });
}

function originOf(ctx: MockRouteContext): string {
  return `http://${ctx.headers.host ?? `127.0.0.1`}`;
}

/** OpenAI `POST /v1/files`: multipart `file` and `purpose` (optional `expires_after[anchor|seconds]`). */
function createOpenAiFile(ctx: MockRouteContext, store: MockFileStore): MockResponse {
  const { fields, files } = formFields({ ...ctx, query: {} });
  const purpose = fields.purpose;
  if (purpose === undefined)
    return ctx.invalid("Missing required parameter: 'purpose'.", {
      param: 'purpose',
      code: 'missing_required_parameter',
    });
  if (!OPENAI_PURPOSES.includes(purpose))
    return ctx.invalid(`'${purpose}' is not one of ${JSON.stringify(OPENAI_PURPOSES)} - 'purpose'`, {
      param: 'purpose',
    });
  const part = files.find((f) => f.name === 'file');
  if (!part)
    return ctx.invalid("Missing required parameter: 'file'.", {
      param: 'file',
      code: 'missing_required_parameter',
    });
  const filename = part.filename ?? 'file';
  if (purpose === 'fine-tune' && !/\.jsonl$/i.test(filename))
    return ctx.invalid('Invalid file format for Fine-Tuning API. Must be .jsonl', { param: 'file' });
  let expiresAt: number | null = null;
  const seconds = fields['expires_after[seconds]'];
  if (seconds !== undefined) {
    const n = Number(seconds);
    if (!Number.isInteger(n) || n < 3600 || n > 2_592_000)
      return ctx.invalid('expires_after.seconds must be an integer between 3600 and 2592000.', {
        param: 'expires_after.seconds',
      });
    expiresAt = Math.floor(Date.now() / 1000) + n;
  }
  const file = store.create({ provider: 'openai', filename, purpose, fileType: fileTypeOf(filename) });
  file.expiresAt = expiresAt;
  store.setContent(file, part.data);
  return { body: renderFile(file, shapeFor(ctx, file)) };
}

/** Validated Together upload fields, or an error response. */
interface UploadFields {
  kind: 'fields';
  purpose: string;
  fileName: string;
  fileType: string;
}

function togetherUploadFields(
  ctx: MockRouteContext,
  fields: Record<string, string>,
): UploadFields | MockResponse {
  const purpose = fields.purpose;
  const fileName = fields.file_name;
  if (!purpose) return ctx.invalid('purpose is required', { param: 'purpose' });
  if (!TOGETHER_PURPOSES.includes(purpose))
    return ctx.invalid(`Invalid purpose '${purpose}'. Must be one of: ${TOGETHER_PURPOSES.join(', ')}`, {
      param: 'purpose',
    });
  if (!fileName) return ctx.invalid('file_name is required', { param: 'file_name' });
  const fileType = fields.file_type || fileTypeOf(fileName);
  if (!TOGETHER_FILE_TYPES.includes(fileType))
    return ctx.invalid(`Invalid file_type '${fileType}'. Must be one of: ${TOGETHER_FILE_TYPES.join(', ')}`, {
      param: 'file_type',
    });
  return { kind: 'fields', purpose, fileName, fileType };
}

/**
 * Together `POST /v1/files`: fields from the query string, an urlencoded body or multipart. Answers 302 with an
 * absolute presigned `Location` on this server and `X-Together-File-Id`.
 */
function startTogetherUpload(ctx: MockRouteContext, store: MockFileStore): MockResponse {
  const { fields } = formFields(ctx);
  const valid = togetherUploadFields(ctx, fields);
  if (!('kind' in valid)) return valid;
  const file = store.create({
    provider: 'together',
    filename: valid.fileName,
    purpose: valid.purpose,
    fileType: valid.fileType,
  });
  file.uploadSignature = randomHex(64);
  const location =
    `${originOf(ctx)}${PRESIGNED_UPLOAD_PATH}/${file.id}?X-Amz-Algorithm=AWS4-HMAC-SHA256` +
    `&X-Amz-Expires=3600&X-Amz-Signature=${file.uploadSignature}`;
  return { status: 302, headers: { location, 'x-together-file-id': file.id }, body: '' };
}

/** The routes under `/v1/files` (Together and OpenAI share them) and the presigned PUT target. */
export function createFilesRoutes(store: MockFileStore): MockRouteDefinition[] {
  return [
    defineMockRoute({
      method: 'POST',
      path: '/v1/files',
      handler(ctx) {
        const form = formFields({ ...ctx, query: {} });
        const openai =
          ctx.flavor === 'openai' || (ctx.flavor === 'auto' && form.files.some((f) => f.name === 'file'));
        return openai ? createOpenAiFile(ctx, store) : startTogetherUpload(ctx, store);
      },
    }),
    defineMockRoute({
      method: 'PUT',
      path: `${PRESIGNED_UPLOAD_PATH}/:id`,
      options: { auth: 'none' },
      handler(ctx) {
        const file = store.get(ctx.params.id!);
        const xml = { 'content-type': 'application/xml' };
        if (!file || file.uploadSignature === undefined)
          return { status: 404, headers: xml, body: '<Error><Code>NoSuchUpload</Code></Error>' };
        if (ctx.query['X-Amz-Signature'] !== file.uploadSignature)
          return { status: 403, headers: xml, body: '<Error><Code>SignatureDoesNotMatch</Code></Error>' };
        store.setContent(file, ctx.rawBody);
        return { status: 200, headers: { etag: `"${randomHex(32)}"` }, body: '' };
      },
    }),
    defineMockRoute({
      method: 'POST',
      path: '/v1/files/upload',
      handler(ctx) {
        const form = formFields({ ...ctx, query: {} });
        if (!form.multipart) return ctx.invalid('Expected a multipart/form-data body');
        const valid = togetherUploadFields(ctx, form.fields);
        if (!('kind' in valid)) return valid;
        const part = form.files.find((f) => f.name === 'file');
        if (!part) return ctx.invalid('file is required', { param: 'file' });
        const file = store.create({
          provider: 'together',
          filename: valid.fileName,
          purpose: valid.purpose,
          fileType: valid.fileType,
        });
        store.setContent(file, part.data);
        return { body: togetherFileResponse(file) };
      },
    }),
    defineMockRoute({
      method: 'POST',
      path: '/v1/files/:id/preprocess',
      handler(ctx) {
        const file = store.get(ctx.params.id!);
        if (!file) return notFound(ctx, ctx.params.id!);
        if (file.content === null)
          return ctx.invalid(
            `File ${file.id} has not been uploaded yet: PUT its bytes to the presigned URL first`,
          );
        return { body: togetherFileResponse(file) };
      },
    }),
    defineMockRoute({
      method: 'GET',
      path: '/v1/files',
      handler(ctx) {
        if (ctx.flavor === 'together')
          return { body: { data: store.list().map((f) => togetherFileResponse(f)) } };
        return listOpenAiStyle(ctx, store);
      },
    }),
    defineMockRoute({
      method: 'GET',
      path: '/v1/files/:id',
      handler(ctx) {
        const file = store.get(ctx.params.id!);
        if (!file) return notFound(ctx, ctx.params.id!);
        return { body: renderFile(file, shapeFor(ctx, file)) };
      },
    }),
    defineMockRoute({
      method: 'DELETE',
      path: '/v1/files/:id',
      handler(ctx) {
        const file = store.get(ctx.params.id!);
        if (!file) return notFound(ctx, ctx.params.id!);
        store.delete(file.id);
        return {
          body:
            shapeFor(ctx, file) === 'together'
              ? { id: file.id, deleted: true }
              : { id: file.id, object: 'file', deleted: true },
        };
      },
    }),
    defineMockRoute({
      method: 'GET',
      path: '/v1/files/:id/content',
      handler(ctx) {
        const file = store.get(ctx.params.id!);
        if (!file) return notFound(ctx, ctx.params.id!);
        if (file.content === null) return ctx.error(404, `File ${file.id} has no content yet`);
        return { headers: { 'content-type': 'application/octet-stream' }, body: file.content };
      },
    }),
  ];
}

/**
 * OpenAI's cursor page `{object:'list', data, first_id, last_id, has_more}` (a superset of Together's `{data}`),
 * newest first unless `order=asc`, filtered by `purpose`, paged by `after` and `limit`; each file in the
 * shape of the API that created it.
 */
function listOpenAiStyle(ctx: MockRouteContext, store: MockFileStore): MockResponse {
  const { purpose, order = 'desc', after } = ctx.query;
  const limit = ctx.query.limit === undefined ? 10_000 : Number(ctx.query.limit);
  if (!Number.isInteger(limit) || limit < 1 || limit > 10_000)
    return ctx.invalid('limit must be an integer between 1 and 10000', { param: 'limit' });
  if (order !== 'asc' && order !== 'desc')
    return ctx.invalid(`'${order}' is not one of ['asc', 'desc'] - 'order'`, { param: 'order' });
  let files = store.list().filter((f) => purpose === undefined || f.purpose === purpose);
  if (order === 'desc') files = files.reverse();
  if (after !== undefined) {
    const index = files.findIndex((f) => f.id === after);
    files = index < 0 ? [] : files.slice(index + 1);
  }
  const page = files.slice(0, limit);
  return {
    body: {
      object: 'list',
      data: page.map((f) => renderFile(f, shapeFor(ctx, f))),
      // The spec requires both as strings, even for an empty page.
      first_id: page[0]?.id ?? '',
      last_id: page.at(-1)?.id ?? '',
      has_more: files.length > page.length,
    },
  };
}
