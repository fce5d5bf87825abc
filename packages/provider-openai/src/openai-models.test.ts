import { costUsd, findModel } from '@distillery/core';
import { describe, expect, it } from 'vitest';
import { OLLAMA_MODELS, OPENAI_MODELS } from './openai-models';

describe('OPENAI_MODELS through findModel', () => {
  it('finds exact ids case-insensitively, dated snapshots and Ollama tags', () => {
    expect(findModel(OPENAI_MODELS, 'O3')?.id).toBe('o3');
    expect(findModel(OPENAI_MODELS, 'o3-mini-2025-01-31')?.id).toBe('o3-mini');
    expect(findModel(OPENAI_MODELS, 'gpt-4o-2024-08-06')?.id).toBe('gpt-4o');
    expect(findModel(OLLAMA_MODELS, 'deepseek-r1:8b')?.id).toBe('deepseek-r1');
    expect(findModel(OPENAI_MODELS, 'gpt-5-mini')?.id).toBe('gpt-5-mini');
    expect(findModel(OPENAI_MODELS, 'my-model')).toBeUndefined();
  });
  it('gives prices costUsd can use', () => {
    const o3 = findModel(OPENAI_MODELS, 'o3');
    expect(costUsd(o3?.pricing, { inputTokens: 1_000_000, outputTokens: 500_000 })).toBeCloseTo(6);
  });
});
