import { openAsBlob } from 'node:fs';
import { stat } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import { InputError, ProviderError, type RetryPolicy } from '@distillery/core/contracts';
import { asRecord, callWithRetry, type ErrorContext, isRecord } from '@distillery/provider-kit';

/** Together's FileResponse (the fields read here; `FileType`/`Processed` are spelled as the API does). */
export interface TogetherFileResponse {
  id: string;
  filename?: string;
  bytes?: number;
  purpose?: string;
  FileType?: string;
  Processed?: boolean;
  processing_status?: string;
  validation_report?: { valid?: boolean; error?: string; [key: string]: unknown };
  [key: string]: unknown;
}

export interface TogetherUploadSettings {
  /** The client's base URL, e.g. `https://api.together.ai/v1` (honoured for every step). */
  baseURL: string;
  apiKey: string;
  fetch: typeof fetch;
  policy: RetryPolicy;
  /** Per attempt of the small JSON calls (create, finalize). */
  timeoutMs: number;
  /** Per attempt of the byte upload (PUT). */
  uploadTimeoutMs: number;
  errors: ErrorContext;
  /** Extra headers for the API calls (never sent to the presigned URL). */
  headers?: Record<string, string> | undefined;
  /** `preprocess` (Together's Python SDKs: `POST /files/{id}/preprocess`) or `get` (the TS SDK: `GET /files/{id}`). */
  finalize: 'preprocess' | 'get';
  purpose: string;
  signal?: AbortSignal | undefined;
}

/** Together's FileResponse, narrowed field by field (a typed field of another type is left out). */
function readFileResponse(value: unknown): TogetherFileResponse | undefined {
  if (!isRecord(value) || typeof value.id !== 'string') return undefined;
  const { filename, bytes, purpose, FileType, Processed, processing_status, validation_report, ...rest } =
    value;
  const report = isRecord(validation_report) ? validation_report : undefined;
  return {
    ...rest,
    id: value.id,
    ...(typeof filename === 'string' ? { filename } : {}),
    ...(typeof bytes === 'number' ? { bytes } : {}),
    ...(typeof purpose === 'string' ? { purpose } : {}),
    ...(typeof FileType === 'string' ? { FileType } : {}),
    ...(typeof Processed === 'boolean' ? { Processed } : {}),
    ...(typeof processing_status === 'string' ? { processing_status } : {}),
    ...(report
      ? {
          validation_report: {
            ...report,
            valid: typeof report.valid === 'boolean' ? report.valid : undefined,
            error: typeof report.error === 'string' ? report.error : undefined,
          },
        }
      : {}),
  };
}

const FILE_TYPES: Record<string, string> = { '.jsonl': 'jsonl', '.parquet': 'parquet', '.csv': 'csv' };

/** A non-success HTTP answer shaped like an SDK error (status, headers, parsed body), for toProviderError. */
async function httpFailure(response: Response, what: string): Promise<Error> {
  const text = await response.text().catch(() => '');
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    body = text ? { message: text.slice(0, 500) } : undefined;
  }
  return Object.assign(new Error(`${what} answered ${response.status}`), {
    status: response.status,
    headers: response.headers,
    error: body,
  });
}

function unexpected(settings: TogetherUploadSettings, detail: string): ProviderError {
  const { errors } = settings;
  return new ProviderError(
    `${errors.label} answered the upload of ${errors.subject ?? 'the file'} unexpectedly: ${detail}. Check ${errors.baseURLEnv} points at Together's API.`,
    { provider: errors.provider, model: errors.model, kind: 'invalid-response' },
  );
}

/**
 * Uploads a file the way Together's SDKs do, without their Node/ESM bugs: `POST /files` (fields
 * in the query string and an urlencoded body, `redirect: manual`) must answer exactly 302 with
 * `Location` and `X-Together-File-Id`; the raw bytes are streamed to that presigned URL in a `PUT`
 * (`duplex: 'half'`, `Content-Length`, no Authorization) that must answer exactly 200; then the
 * file is finalized (`preprocess` or `get`) and its server-side validation read. Each step is
 * retried on 429/5xx and dropped connections; a 409 naming an existing `file_id` reuses it. A PUT
 * whose outcome is unknown (a 5xx, a timeout, a dropped connection) is reconciled first: when the
 * file already holds every byte (same name and size), it is not sent again.
 */
export async function uploadTogetherFile(
  path: string,
  settings: TogetherUploadSettings,
): Promise<TogetherFileResponse> {
  const { errors, signal } = settings;
  const fileType = FILE_TYPES[extname(path).toLowerCase()];
  if (!fileType)
    throw new InputError(
      `${path} cannot be uploaded to Together: only .jsonl, .parquet and .csv files are accepted.`,
      {
        advice: 'Export the dataset as JSONL.',
      },
    );
  const size = (await stat(path)).size;
  const fileName = basename(path);
  const auth = { ...settings.headers, Authorization: `Bearer ${settings.apiKey}` };
  const retrying = <T>(
    call: (attemptSignal: AbortSignal) => Promise<T>,
    timeoutMs = settings.timeoutMs,
    reconcile?: (attemptSignal: AbortSignal, since: number) => Promise<T | undefined>,
  ) =>
    callWithRetry({
      errors,
      policy: settings.policy,
      timeoutMs,
      signal,
      call,
      ...(reconcile ? { reconcile } : {}),
    });

  /** Together's FileResponse of the file `id`, read fresh. */
  const fetchFile = async (fileId: string, attemptSignal: AbortSignal): Promise<Record<string, unknown>> => {
    const response = await settings.fetch(`${settings.baseURL}/files/${encodeURIComponent(fileId)}`, {
      headers: auth,
      signal: attemptSignal,
    });
    if (!response.ok) throw await httpFailure(response, `GET /files/${fileId}`);
    return asRecord(await response.json());
  };
  /** Whether a file holds this upload: same name, purpose and size (every byte arrived). */
  const isThisUpload = (file: Record<string, unknown>) =>
    file.filename === fileName &&
    file.bytes === size &&
    (file.purpose ?? settings.purpose) === settings.purpose;

  const fields = new URLSearchParams({ file_name: fileName, file_type: fileType, purpose: settings.purpose });
  type Target = { existing: string } | { location: string; id: string };
  // A POST whose answer was lost may leave an empty record behind: it cannot be taken (its upload
  // URL went with the answer), so the retry asks for a new one; the empty record holds no bytes.
  const target = await retrying(async (attemptSignal): Promise<Target> => {
    const response = await settings.fetch(`${settings.baseURL}/files?${fields}`, {
      method: 'POST',
      redirect: 'manual',
      headers: { ...auth, 'Content-Type': 'application/x-www-form-urlencoded' },
      body: fields.toString(),
      signal: attemptSignal,
    });
    if (response.status === 409) {
      const body = asRecord(await response.json().catch(() => ({})));
      if (typeof body.file_id === 'string') return { existing: body.file_id };
      throw await httpFailure(response, 'POST /files');
    }
    if (response.status !== 302) {
      if (response.status >= 400) throw await httpFailure(response, 'POST /files');
      await response.body?.cancel();
      throw unexpected(settings, `POST /files answered ${response.status}, not a 302 redirect`);
    }
    await response.body?.cancel();
    const location = response.headers.get('location');
    const id = response.headers.get('x-together-file-id');
    if (!location || !id) throw unexpected(settings, 'the 302 lacks Location or X-Together-File-Id');
    return { location: new URL(location, `${settings.baseURL}/`).toString(), id };
  });

  let id: string;
  if ('existing' in target) {
    id = target.existing;
  } else {
    id = target.id;
    const fileId = id;
    await retrying(
      async (attemptSignal): Promise<true> => {
        const response = await settings.fetch(target.location, {
          method: 'PUT',
          headers: { 'Content-Type': 'application/octet-stream', 'Content-Length': String(size) },
          // A Blob backed by the file: read as it is sent, sized up front, fresh for every attempt.
          body: await openAsBlob(path),
          signal: attemptSignal,
        });
        if (response.status !== 200) {
          if (response.status >= 400) throw await httpFailure(response, 'PUT to the upload URL');
          await response.body?.cancel();
          throw unexpected(settings, `the upload URL answered ${response.status}, not 200`);
        }
        await response.body?.cancel();
        return true;
      },
      settings.uploadTimeoutMs,
      // A PUT that failed after the bytes were stored: the file already holds them all, so it is not
      // sent again (it may be gigabytes).
      async (attemptSignal) => (isThisUpload(await fetchFile(fileId, attemptSignal)) ? true : undefined),
    );
  }

  const file = await retrying(async (attemptSignal) => {
    const preprocess = settings.finalize === 'preprocess';
    const response = await settings.fetch(
      `${settings.baseURL}/files/${encodeURIComponent(id)}${preprocess ? '/preprocess' : ''}`,
      { method: preprocess ? 'POST' : 'GET', headers: auth, signal: attemptSignal },
    );
    if (!response.ok) throw await httpFailure(response, `finalizing file ${id}`);
    const read = readFileResponse(await response.json());
    if (!read) throw unexpected(settings, `finalizing file ${id} answered no file object`);
    return read;
  });
  const report = file.validation_report;
  if (
    file.processing_status === 'FAILED' ||
    file.processing_status === 'INVALID_FORMAT' ||
    report?.valid === false
  ) {
    throw new InputError(
      `Together rejected ${path} after upload (${file.id}): ${report?.error ?? file.processing_status ?? 'invalid format'}.`,
      { advice: 'Fix the file and upload it again; `distill check` reports the same rules before upload.' },
    );
  }
  return file;
}
