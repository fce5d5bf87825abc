import { ProviderError } from '@distillery/core/contracts';
import { describe, expect, it } from 'vitest';
import { callWithRetry } from './call-with-retry';
import type { ErrorContext } from './to-provider-error';

const errors: ErrorContext = {
  provider: 'p',
  label: 'Prov',
  model: 'm',
  apiKeyEnv: 'P_API_KEY',
  baseURLEnv: 'P_BASE_URL',
  baseURL: 'http://x',
  timeoutMs: 1000,
  secrets: [],
};
const policy = { maxRetries: 3, initialDelayMs: 1, maxDelayMs: 2, maxRetryAfterMs: 1000 };
const failure = (kind: 'server' | 'rate-limit') =>
  new ProviderError(`failed (${kind})`, { provider: 'p', model: 'm', kind, retryable: true });

describe('callWithRetry', () => {
  it('reconciles only after a failure of unknown outcome, from when that attempt was sent', async () => {
    const sent: number[] = [];
    const reconciled: number[] = [];
    const outcomes = [failure('rate-limit'), failure('server'), failure('server')];
    const result = await callWithRetry({
      errors,
      policy,
      timeoutMs: 1000,
      call: async () => {
        sent.push(Date.now());
        const next = outcomes.shift();
        if (next) throw next;
        return 'sent';
      },
      reconcile: async (_signal, since) => {
        reconciled.push(since);
        return undefined;
      },
    });
    expect(result).toBe('sent');
    expect(sent).toHaveLength(4);
    // No reconcile after the 429 (nothing was done); after each 5xx, from the first 5xx attempt.
    expect(reconciled).toEqual([sent[1], sent[1]]);
  });

  it('takes what the reconcile finds instead of sending again', async () => {
    let calls = 0;
    const result = await callWithRetry({
      errors,
      policy,
      timeoutMs: 1000,
      call: async () => {
        calls++;
        throw failure('server');
      },
      reconcile: async () => 'found',
    });
    expect(result).toBe('found');
    expect(calls).toBe(1);
  });
});
