import { describe, expect, it } from 'vitest';
import { createSecretRedactor } from './create-secret-redactor';

describe('createSecretRedactor', () => {
  it('removes secret-looking environment values and extra keys, and nothing else', () => {
    const redact = createSecretRedactor(
      { OPENAI_API_KEY: 'sk-abcdef123', GITHUB_TOKEN: 'ghp_999999', HOME: '/home/me', SHORT_API_KEY: 'abc' },
      ['config-key-777'],
    );
    expect(redact('a sk-abcdef123 b ghp_999999 c config-key-777 /home/me abc')).toBe(
      'a [redacted] b [redacted] c [redacted] /home/me abc',
    );
  });
});
