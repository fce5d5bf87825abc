import { ProviderError, UserError } from '@distillery/core';
import type { ApiErrorBody } from '../shared/api-types';
import { HttpError } from './http-error';

/** Maps any thrown value to an HTTP status and the `{ error }` body the client shows. */
export function toApiError(error: unknown): { status: number; body: ApiErrorBody } {
  if (HttpError.isInstance(error)) {
    return {
      status: error.status,
      body: { name: 'HttpError', message: error.message, ...(error.advice ? { advice: error.advice } : {}) },
    };
  }
  if (UserError.isInstance(error)) {
    const status = ProviderError.isInstance(error) ? 502 : error.name === 'StoreError' ? 400 : 400;
    return {
      status,
      body: {
        name: error.name,
        message: error.message,
        ...(error.advice ? { advice: error.advice } : {}),
        ...(error.location ? { location: error.location } : {}),
      },
    };
  }
  const message = error instanceof Error ? error.message : String(error);
  return { status: 500, body: { name: 'InternalError', message: `Internal error: ${message}` } };
}
