import { describe, expect, it } from 'vitest';
import { costUsd, findModel, type ModelInfo } from './model-catalog';

const model = (id: string, extra: Partial<ModelInfo> = {}): ModelInfo => ({
  id,
  provider: 'p',
  reasoning: 'none',
  structuredOutput: [],
  ...extra,
});
const CATALOG = [
  model('o3', { reasoning: 'hidden', pricing: { inputPerMillion: 2, outputPerMillion: 8 } }),
  model('o3-mini'),
  model('gpt-4o'),
  model('gpt-5-mini'),
  model('deepseek-r1', { reasoning: 'inline' }),
];

describe('findModel', () => {
  it('finds exact ids case-insensitively, dated snapshots and Ollama tags', () => {
    expect(findModel(CATALOG, 'O3')?.id).toBe('o3');
    expect(findModel(CATALOG, 'o3-mini-2025-01-31')?.id).toBe('o3-mini');
    expect(findModel(CATALOG, 'gpt-4o-2024-08-06')?.id).toBe('gpt-4o');
    expect(findModel(CATALOG, 'deepseek-r1:8b')?.id).toBe('deepseek-r1');
    expect(findModel(CATALOG, 'gpt-5-mini')?.id).toBe('gpt-5-mini');
    expect(findModel(CATALOG, 'my-model')).toBeUndefined();
    expect(findModel(CATALOG, 'my-model-2025-01-31')).toBeUndefined();
  });
  it('gives prices costUsd can use', () => {
    const o3 = findModel(CATALOG, 'o3');
    expect(costUsd(o3?.pricing, { inputTokens: 1_000_000, outputTokens: 500_000 })).toBeCloseTo(6);
    expect(costUsd(findModel(CATALOG, 'gpt-4o')?.pricing, { inputTokens: 1, outputTokens: 1 })).toBeNull();
  });
});
