import type { ApiErrorBody } from '../../shared/api-types';

/** A failed API call, carrying the server's message and advice. */
export class ApiError extends Error {
  override name = 'ApiError';
  readonly status: number;
  readonly body: ApiErrorBody;

  constructor(status: number, body: ApiErrorBody) {
    super(body.message);
    this.status = status;
    this.body = body;
  }
}
