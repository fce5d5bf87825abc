import { ProviderError } from '@distillery/core';
import { describe, expect, it } from 'vitest';
import { type ErrorContext, toProviderError } from './to-provider-error';

const KEY = 'sk-SECRET-1234';
const ctx: ErrorContext = {
  provider: 'p',
  label: 'Prov',
  model: 'm1',
  apiKeyEnv: 'P_API_KEY',
  baseURLEnv: 'P_BASE_URL',
  baseURL: 'http://x',
  timeoutMs: 10,
  secrets: [KEY],
};
/** Shaped like a Stainless SDK error or a fetch response: only status, headers and a body. */
const httpError = (status: number, headers: Record<string, string> = {}, message = '') => ({
  status,
  headers: new Headers(headers),
  error: message ? { error: { message } } : undefined,
  message: `${status} ${message}`,
});

describe('toProviderError', () => {
  it('tells SDK errors apart by their class, not by a `constructor` field of a thrown record', () => {
    class APIConnectionTimeoutError extends Error {}
    expect(toProviderError(new APIConnectionTimeoutError('Request timed out.'), ctx).kind).toBe('timeout');
    // Wire data thrown as is (a parsed error body) names no class, whatever its fields say.
    const record = { constructor: { name: 'APIConnectionTimeoutError' }, message: 'odd body' };
    expect(toProviderError(record, ctx).kind).not.toBe('timeout');
  });
  it('maps by duck-typed status and reads retry-after from headers', () => {
    const limited = toProviderError(httpError(429, { 'retry-after': '2' }), ctx);
    expect(limited).toMatchObject({ kind: 'rate-limit', status: 429, retryable: true, retryAfterMs: 2000 });
    expect(toProviderError(httpError(401), ctx)).toMatchObject({ kind: 'auth', retryable: false });
    expect(toProviderError(httpError(503), ctx)).toMatchObject({ kind: 'server', retryable: true });
    expect(toProviderError(httpError(400, {}, 'bad lr'), ctx).message).toBe(
      'Prov rejected the request (400) for model m1. Server said: bad lr. Fix the parameters in your run config.',
    );
  });
  it('names another subject and advice when given, and never echoes the key', () => {
    const error = toProviderError(httpError(404, {}, `no job for key ${KEY}`), {
      ...ctx,
      subject: 'fine-tune job ft-1',
      notFoundAdvice: 'Check the job id.',
    });
    expect(error.message).toBe(
      'Prov does not know fine-tune job ft-1 (404). Check the job id. Server said: no job for key ***.',
    );
    expect(error.message).not.toContain(KEY);
  });
  it('keeps a ProviderError and tells connection failures from malformed bodies', () => {
    const own = new ProviderError('x', { provider: 'p', kind: 'timeout' });
    expect(toProviderError(own, ctx)).toBe(own);
    expect(toProviderError(new TypeError('fetch failed: connection error'), ctx).kind).toBe('connection');
    expect(toProviderError(new SyntaxError('Unexpected end of JSON'), ctx).kind).toBe('invalid-response');
    expect(toProviderError(new Error('socket hang up'), ctx, 'stream').kind).toBe('stream-interrupted');
  });
});
