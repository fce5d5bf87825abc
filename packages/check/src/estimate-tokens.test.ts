import { describe, expect, it } from 'vitest';
import { estimateTokens } from './estimate-tokens';

const estimate = (text: string) => estimateTokens(Buffer.byteLength(text), text.length);

describe('estimateTokens', () => {
  it('counts about four ASCII characters per token', () => {
    expect(estimate('a'.repeat(400))).toBe(100);
  });

  it('counts about one token per CJK character', () => {
    expect(estimate('日'.repeat(100))).toBe(100);
  });
});
