import type { SampleInput } from '@distillery/core';

/** A valid sample of task `math`; every field can be overridden. */
export function sample(id: string, overrides: Partial<SampleInput> = {}): SampleInput {
  return {
    id,
    taskId: 'math',
    input: `Question ${id}?`,
    output: { content: `Answer ${id}` },
    reasoning: { text: `Reasoning ${id}.`, origin: 'model-field' },
    source: {
      type: 'synthetic',
      runConfig: { name: 'teacher', provider: 'together', model: 'deepseek-ai/DeepSeek-R1' },
    },
    tags: [],
    createdAt: '2025-01-01T00:00:00.000Z',
    ...overrides,
  };
}
