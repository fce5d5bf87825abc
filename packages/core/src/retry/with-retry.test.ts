import { describe, expect, it } from 'vitest';
import { ProviderError } from '../errors/provider-error';
import { sleep, withRetry } from './with-retry';

const fast = { maxRetries: 2, initialDelayMs: 1, maxDelayMs: 2, maxRetryAfterMs: 100 };
const retryable = () => new ProviderError('busy', { provider: 'p', kind: 'server', retryable: true });

describe('withRetry', () => {
  it('retries retryable ProviderErrors then succeeds', async () => {
    const seen: number[] = [];
    const result = await withRetry(
      async (attempt) => {
        seen.push(attempt);
        if (attempt < 2) throw retryable();
        return 'ok';
      },
      { policy: fast },
    );
    expect(result).toBe('ok');
    expect(seen).toEqual([0, 1, 2]);
  });
  it('throws the last error when retries run out', async () => {
    let calls = 0;
    await expect(
      withRetry(
        async () => {
          calls++;
          throw retryable();
        },
        { policy: fast },
      ),
    ).rejects.toThrow('busy');
    expect(calls).toBe(3);
  });
  it('does not retry other errors', async () => {
    let calls = 0;
    await expect(
      withRetry(
        async () => {
          calls++;
          throw new Error('nope');
        },
        { policy: fast },
      ),
    ).rejects.toThrow('nope');
    expect(calls).toBe(1);
  });
  it('reports each retry with its delay', async () => {
    const delays: number[] = [];
    await withRetry(
      async (attempt) => {
        if (attempt === 0)
          throw new ProviderError('slow down', {
            provider: 'p',
            kind: 'rate-limit',
            retryable: true,
            retryAfterMs: 7,
          });
        return 1;
      },
      { policy: fast, onRetry: (info) => delays.push(info.delayMs) },
    );
    expect(delays).toEqual([7]);
  });
  it('stops waiting when aborted', async () => {
    const controller = new AbortController();
    const reason = new Error('stop');
    const pending = withRetry(
      async () => {
        throw new ProviderError('x', { provider: 'p', kind: 'server', retryable: true, retryAfterMs: 50 });
      },
      {
        policy: fast,
        signal: controller.signal,
        onRetry: () => queueMicrotask(() => controller.abort(reason)),
      },
    );
    await expect(pending).rejects.toBe(reason);
  });
});

describe('sleep', () => {
  it('rejects at once on an aborted signal', async () => {
    await expect(sleep(10, AbortSignal.abort(new Error('gone')))).rejects.toThrow('gone');
  });
});
