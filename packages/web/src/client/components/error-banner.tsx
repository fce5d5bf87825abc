import type { ApiErrorBody } from '../../shared/api-types';
import type { ApiError } from '../api/api-error';

type Shown = ApiError | Error | ApiErrorBody | string | undefined | null;

function describe(error: Exclude<Shown, undefined | null>): { message: string; advice?: string } {
  if (typeof error === 'string') return { message: error };
  if ('body' in error && error.body) return error.body;
  return { message: error.message, ...('advice' in error && error.advice ? { advice: error.advice } : {}) };
}

/** An error from the server with its advice, or nothing. */
export function ErrorBanner({ error }: { error: Shown }) {
  if (!error) return null;
  const { message, advice } = describe(error);
  return (
    <div className="banner banner-error" role="alert">
      <strong>{message}</strong>
      {advice ? <div className="small">{advice}</div> : null}
    </div>
  );
}
