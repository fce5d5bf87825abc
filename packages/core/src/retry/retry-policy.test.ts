import { describe, expect, it } from 'vitest';
import { DEFAULT_RETRY_POLICY, parseRetryAfterMs, retryDelayMs } from './retry-policy';

const policy = { maxRetries: 3, initialDelayMs: 100, maxDelayMs: 1000, maxRetryAfterMs: 5000 };

describe('retryDelayMs', () => {
  it('uses full jitter over an exponentially growing window', () => {
    expect(retryDelayMs(policy, 0, { retryable: true }, () => 0.999)).toBe(99);
    expect(retryDelayMs(policy, 2, { retryable: true }, () => 0.5)).toBe(200);
    expect(retryDelayMs(policy, 2, { retryable: true }, () => 0)).toBe(0);
  });
  it('caps the window at maxDelayMs', () => {
    expect(retryDelayMs({ ...policy, maxRetries: 10 }, 8, { retryable: true }, () => 0.5)).toBe(500);
  });
  it('honours retry-after up to the cap and gives up beyond it', () => {
    expect(retryDelayMs(policy, 0, { retryable: true, retryAfterMs: 1234 })).toBe(1234);
    expect(retryDelayMs(policy, 0, { retryable: true, retryAfterMs: 5001 })).toBeNull();
  });
  it('stops when not retryable or out of retries', () => {
    expect(retryDelayMs(policy, 0, { retryable: false })).toBeNull();
    expect(retryDelayMs(policy, 3, { retryable: true })).toBeNull();
    expect(DEFAULT_RETRY_POLICY.maxRetries).toBeGreaterThan(0);
  });
});

describe('parseRetryAfterMs', () => {
  const headers = (values: Record<string, string>) => new Headers(values);
  it('prefers retry-after-ms', () => {
    expect(parseRetryAfterMs(headers({ 'retry-after-ms': '250', 'retry-after': '9' }))).toBe(250);
  });
  it('reads seconds and HTTP dates', () => {
    expect(parseRetryAfterMs(headers({ 'retry-after': '2' }))).toBe(2000);
    expect(parseRetryAfterMs(headers({ 'retry-after': '0.5' }))).toBe(500);
    const now = Date.parse('2026-01-01T00:00:00Z');
    expect(parseRetryAfterMs(headers({ 'retry-after': 'Thu, 01 Jan 2026 00:00:03 GMT' }), now)).toBe(3000);
  });
  it('ignores missing or garbage values', () => {
    expect(parseRetryAfterMs(headers({}))).toBeUndefined();
    expect(parseRetryAfterMs(headers({ 'retry-after': 'soon' }))).toBeUndefined();
    expect(parseRetryAfterMs(undefined)).toBeUndefined();
  });
});
