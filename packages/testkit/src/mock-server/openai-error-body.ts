/** OpenAI's error JSON: `{ error: { message, type, param, code } }`. */
export interface OpenAiErrorBody {
  error: { message: string; type: string; param: string | null; code: string | null };
}

/** The `type` OpenAI uses for an HTTP status. */
export function openAiErrorType(status: number): string {
  if (status === 429) return 'requests';
  if (status >= 500) return 'server_error';
  return 'invalid_request_error';
}

export function openAiErrorBody(
  status: number,
  message: string,
  details: { type?: string; param?: string | null; code?: string | null } = {},
): OpenAiErrorBody {
  return {
    error: {
      message,
      type: details.type ?? openAiErrorType(status),
      param: details.param ?? null,
      code: details.code ?? null,
    },
  };
}
