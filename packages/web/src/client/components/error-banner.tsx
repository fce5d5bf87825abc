import type { ApiError } from '../api/api-error';

/** An error from the server with its advice, or nothing. */
export function ErrorBanner({ error }: { error: ApiError | Error | string | undefined | null }) {
  if (!error) return null;
  const message = typeof error === 'string' ? error : error.message;
  const advice = typeof error === 'object' && 'body' in error ? error.body.advice : undefined;
  return (
    <div className="banner banner-error" role="alert">
      <strong>{message}</strong>
      {advice ? <div className="small">{advice}</div> : null}
    </div>
  );
}
