import { describe, expect, it } from 'vitest';
import { resolveProviderSettings } from './resolve-provider-settings';

const defaults = { apiKeyEnv: 'X_API_KEY', baseURLEnv: 'X_BASE_URL', defaultBaseURL: 'https://x.test/v1' };

describe('resolveProviderSettings', () => {
  it('prefers options, then env, then defaults; blank values count as unset', () => {
    const fromEnv = resolveProviderSettings(
      { apiKey: '  ', env: { X_API_KEY: ' k1 ', X_BASE_URL: 'http://127.0.0.1:1/v1//' } },
      defaults,
    );
    expect(fromEnv).toMatchObject({ apiKey: 'k1', baseURL: 'http://127.0.0.1:1/v1', secrets: ['k1'] });
    const own = resolveProviderSettings(
      { apiKey: 'k2', baseURL: 'http://h/v1', env: { X_API_KEY: 'k1' } },
      defaults,
    );
    expect(own).toMatchObject({ apiKey: 'k2', baseURL: 'http://h/v1' });
    expect(resolveProviderSettings({ env: {} }, defaults)).toMatchObject({
      apiKey: undefined,
      baseURL: 'https://x.test/v1',
      secrets: [],
      timeoutMs: 600_000,
    });
  });
  it('lets maxRetries win over retry.maxRetries', () => {
    const settings = resolveProviderSettings(
      { env: {}, maxRetries: 1, retry: { maxRetries: 5, initialDelayMs: 3 } },
      defaults,
    );
    expect(settings.policy).toMatchObject({ maxRetries: 1, initialDelayMs: 3 });
  });
});
