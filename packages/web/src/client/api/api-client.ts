import type { ApiErrorBody } from '../../shared/api-types';
import { ApiError } from './api-error';

/** The header and token the server requires on every mutating request. */
export const TOKEN_HEADER = 'x-distill-token';

/** This launch's token, injected by the server into the page. */
export function launchToken(): string {
  return document.querySelector<HTMLMetaElement>('meta[name="distill-token"]')?.content ?? '';
}

async function failure(response: Response): Promise<ApiError> {
  let body: ApiErrorBody = { name: 'HttpError', message: `${response.status} ${response.statusText}` };
  try {
    const json = (await response.json()) as { error?: ApiErrorBody };
    if (json.error) body = json.error;
  } catch {
    // not JSON: keep the status line
  }
  return new ApiError(response.status, body);
}

/** GET a JSON resource. */
export async function apiGet<T>(path: string, signal?: AbortSignal): Promise<T> {
  const response = await fetch(path, {
    headers: { accept: 'application/json' },
    ...(signal ? { signal } : {}),
  });
  if (!response.ok) throw await failure(response);
  return (await response.json()) as T;
}

/** POST, PATCH, PUT or DELETE with a JSON body and the launch token. */
export async function apiSend<T>(
  method: 'POST' | 'PATCH' | 'PUT' | 'DELETE',
  path: string,
  body?: unknown,
  options: { signal?: AbortSignal; accept?: string } = {},
): Promise<Response & { json(): Promise<T> }> {
  const response = await fetch(path, {
    method,
    headers: {
      accept: options.accept ?? 'application/json',
      [TOKEN_HEADER]: launchToken(),
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    ...(options.signal ? { signal: options.signal } : {}),
  });
  if (!response.ok) throw await failure(response);
  return response;
}

/** `apiSend` and parse the JSON answer. */
export async function apiJson<T>(
  method: 'POST' | 'PATCH' | 'PUT' | 'DELETE',
  path: string,
  body?: unknown,
): Promise<T> {
  const response = await apiSend<T>(method, path, body);
  return (await response.json()) as T;
}
