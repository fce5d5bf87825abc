import type { SampleInput } from '@distillery/core';

let counter = 0;

/** A valid sample with overridable fields; ids and createdAt are unique and increasing per call. */
export function makeSample(overrides: Partial<SampleInput> = {}): SampleInput {
  counter++;
  return {
    id: `s-${String(counter).padStart(6, '0')}`,
    taskId: 'task-1',
    input: `What is ${counter} + 1?`,
    output: { content: String(counter + 1) },
    reasoning: { text: `${counter} plus one is ${counter + 1}.`, origin: 'model-field' },
    source: {
      type: 'synthetic',
      runConfig: { name: 'teacher', provider: 'together', model: 'deepseek-ai/DeepSeek-R1' },
    },
    tags: [],
    createdAt: new Date(Date.UTC(2025, 0, 1) + counter * 1000).toISOString(),
    ...overrides,
  };
}
