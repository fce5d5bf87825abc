import { DistilleryConfigSchema, type ModelProvider } from '@distillery/core';
import { describe, expect, it } from 'vitest';
import { resolveModelInfo } from './resolve-model-info';

// A provider is only its catalog here: resolveModelInfo reads `models` and nothing else.
const provider = {
  specificationVersion: 'v1',
  kind: 'model-provider',
  id: 'openai',
  chat: () => Promise.reject(new Error('not called')),
  stream: () => ({ [Symbol.asyncIterator]: () => ({ next: () => Promise.reject(new Error('not called')) }) }),
  models: [
    {
      id: 'o3',
      provider: 'openai',
      reasoning: 'hidden',
      structuredOutput: ['json_schema'],
      pricing: { inputPerMillion: 2, outputPerMillion: 8 },
    },
  ],
} satisfies ModelProvider;

describe('resolveModelInfo', () => {
  it('finds a dated snapshot under its family, as core findModel does', () => {
    const config = DistilleryConfigSchema.parse({});
    expect(resolveModelInfo(provider, 'o3-2025-04-16', config)).toMatchObject({
      id: 'o3',
      reasoning: 'hidden',
      pricing: { inputPerMillion: 2, outputPerMillion: 8 },
    });
  });

  it('lays the config over the catalog entry, and gives unknown models a neutral one', () => {
    const config = DistilleryConfigSchema.parse({
      models: { 'o3-2025-04-16': { pricing: { inputPerMillion: 1, outputPerMillion: 4 } } },
    });
    expect(resolveModelInfo(provider, 'o3-2025-04-16', config).pricing).toEqual({
      inputPerMillion: 1,
      outputPerMillion: 4,
    });
    expect(resolveModelInfo(provider, 'my-model', config)).toEqual({
      id: 'my-model',
      provider: 'openai',
      reasoning: 'none',
      structuredOutput: ['json_schema'],
    });
  });
});
