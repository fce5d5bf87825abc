import { ProviderError, parseRetryAfterMs } from '@distillery/core/contracts';
import { constructorName } from './constructor-name';
import { headerReader } from './header-reader';
import { asRecord } from './is-record';

/** What an error message needs to name the provider, the model and what to do. */
export interface ErrorContext {
  provider: string;
  label: string;
  model: string;
  apiKeyEnv: string;
  baseURLEnv: string;
  baseURL: string;
  timeoutMs: number;
  /** Strings that must never appear in a message (the API key). */
  secrets: readonly string[];
  /**
   * What the call was about, for messages: default `model <model>`. Fine-tune backends name the
   * file or job instead (`fine-tune job ft-123`), so a 404 does not blame the model id.
   */
  subject?: string;
  /** What to do after a 404 (default: check the model id in the run config). */
  notFoundAdvice?: string;
  /** What to do after another 4xx (default: fix the parameters in the run config). */
  badRequestAdvice?: string;
}

/** `model <id>` unless the context names another subject. */
export const subjectOf = (ctx: ErrorContext): string => ctx.subject ?? `model ${ctx.model}`;

/** Replaces every secret by `***`. */
export function redact(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) if (secret.length >= 4) out = out.split(secret).join('***');
  return out;
}

type Json = Record<string, unknown>;

function serverMessage(error: Json): string {
  const body = asRecord(error.error);
  const nested = asRecord(body.error);
  const message = body.message ?? nested.message;
  if (typeof message === 'string' && message) return message;
  return '';
}

const sentence = (text: string) => (text && !/[.!?]$/.test(text) ? `${text}.` : text);

/** The connection phase or the middle of a stream: decides which kind a transport failure is. */
export type ErrorPhase = 'request' | 'stream';

export function aborted(ctx: ErrorContext, cause?: unknown): ProviderError {
  return new ProviderError(`${ctx.label} request for ${subjectOf(ctx)} was aborted.`, {
    provider: ctx.provider,
    model: ctx.model,
    kind: 'aborted',
    exitCode: 130,
    cause: cause instanceof Error ? new Error(redact(cause.message, ctx.secrets)) : undefined,
  });
}

export function timedOut(ctx: ErrorContext): ProviderError {
  return new ProviderError(
    `${ctx.label} did not answer within ${ctx.timeoutMs} ms for ${subjectOf(ctx)}. Try again, or raise timeoutMs in the provider options.`,
    { provider: ctx.provider, model: ctx.model, kind: 'timeout', retryable: true },
  );
}

export function streamInterrupted(ctx: ErrorContext, detail: string): ProviderError {
  return new ProviderError(
    `${ctx.label} stream for ${subjectOf(ctx)} broke off before it finished (${redact(detail, ctx.secrets)}). Try again.`,
    { provider: ctx.provider, model: ctx.model, kind: 'stream-interrupted', retryable: true },
  );
}

export function missingApiKey(ctx: ErrorContext): ProviderError {
  return new ProviderError(
    `No API key for ${ctx.label} (provider ${ctx.provider}, ${subjectOf(ctx)}): ${ctx.apiKeyEnv} is not set.`,
    {
      provider: ctx.provider,
      model: ctx.model,
      kind: 'auth',
      advice: `Export ${ctx.apiKeyEnv} in the shell that runs distill: \`export ${ctx.apiKeyEnv}=<your key>\`.`,
    },
  );
}

/**
 * Turns whatever an SDK threw into a ProviderError whose message names the provider, the model
 * and what to do. Works on the three Stainless SDKs by shape (status, headers, error body, name),
 * never `instanceof`. The SDK error is not kept as `cause` (it may carry server text echoing a key);
 * a redacted copy of its message is.
 */
export function toProviderError(
  error: unknown,
  ctx: ErrorContext,
  phase: ErrorPhase = 'request',
): ProviderError {
  if (ProviderError.isInstance(error)) return error;
  const e = asRecord(error);
  const name = typeof e.name === 'string' ? e.name : '';
  const className = constructorName(error);
  const rawMessage = error instanceof Error ? error.message : String(error);
  const cause = new Error(redact(rawMessage, ctx.secrets));
  const base = { provider: ctx.provider, model: ctx.model, cause };
  const status = typeof e.status === 'number' ? e.status : undefined;
  const detail = redact(serverMessage(e), ctx.secrets);
  const { label } = ctx;
  const subject = subjectOf(ctx);

  if (className === 'APIConnectionTimeoutError' || name === 'APIConnectionTimeoutError') return timedOut(ctx);
  if (status === undefined) {
    const isConnection = className === 'APIConnectionError' || /connection error/i.test(rawMessage);
    if (error instanceof SyntaxError || /malformed|JSON/i.test(rawMessage)) {
      return new ProviderError(
        `${label} sent a malformed response for ${subject} (${redact(rawMessage, ctx.secrets)}). Try again; if it persists, check ${ctx.baseURLEnv} points at a compatible server.`,
        { ...base, kind: 'invalid-response', retryable: true },
      );
    }
    if (phase === 'stream') return streamInterrupted(ctx, detail || rawMessage);
    if (isConnection) {
      const why = e.cause instanceof Error ? `: ${redact(e.cause.message, ctx.secrets)}` : '';
      return new ProviderError(
        `Could not reach ${label} at ${redact(ctx.baseURL, ctx.secrets)} for ${subject}${why}. Check your network and ${ctx.baseURLEnv}.`,
        { ...base, kind: 'connection', retryable: true },
      );
    }
    if (detail) {
      // An error event inside an otherwise healthy response (e.g. an SSE `error` payload).
      return new ProviderError(`${label} reported an error for ${subject}: ${sentence(detail)} Try again.`, {
        ...base,
        kind: 'server',
        retryable: true,
      });
    }
    return new ProviderError(
      `${label} call for ${subject} failed: ${sentence(redact(rawMessage, ctx.secrets))}`,
      {
        ...base,
        kind: 'invalid-response',
      },
    );
  }

  const said = detail ? ` Server said: ${sentence(detail)}` : '';
  const retryAfterMs = parseRetryAfterMs(headerReader(e.headers));
  switch (true) {
    case status === 401:
      return new ProviderError(
        `${label} rejected the API key (401) for ${subject} (provider ${ctx.provider}). Set ${ctx.apiKeyEnv} to a valid key.`,
        { ...base, kind: 'auth', status },
      );
    case status === 403:
      return new ProviderError(
        `${label} refused access (403) to ${subject}. Check that the account behind ${ctx.apiKeyEnv} may use this model.${said}`,
        { ...base, kind: 'permission', status },
      );
    case status === 404:
      return new ProviderError(
        `${label} does not know ${subject} (404). ${ctx.notFoundAdvice ?? `Check the model id in your run config (and ${ctx.baseURLEnv} if you use another server).`}${said}`,
        { ...base, kind: 'not-found', status },
      );
    case status === 429:
      return new ProviderError(
        `${label} rate-limited ${subject} (429)${retryAfterMs !== undefined ? `, asking to wait ${Math.ceil(retryAfterMs / 1000)} s` : ''}. Lower the concurrency or try again later.`,
        {
          ...base,
          kind: 'rate-limit',
          status,
          retryable: true,
          ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
        },
      );
    case status === 408 || status === 409 || status >= 500:
      return new ProviderError(
        `${label} had a server error (${status}) for ${subject}. Try again later.${said}`,
        {
          ...base,
          kind: 'server',
          status,
          retryable: true,
          ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
        },
      );
    default:
      return new ProviderError(
        `${label} rejected the request (${status}) for ${subject}.${said || ' '} ${ctx.badRequestAdvice ?? 'Fix the parameters in your run config.'}`.replace(
          '  ',
          ' ',
        ),
        { ...base, kind: 'bad-request', status },
      );
  }
}
