import { describe, expect, it } from 'vitest';
import { DistilleryConfigSchema } from '../config/define-config';
import { SampleSchema } from './sample';
import { TaskSchema } from './task';
import { addUsage } from './usage';

describe('data model', () => {
  it('keeps reasoning apart from the answer, with its origin', () => {
    const sample = SampleSchema.parse({
      id: 's1',
      taskId: 'gsm8k',
      input: '2+2?',
      output: { content: '4' },
      reasoning: { text: '2+2 is 4', origin: 'parsed-tags' },
      source: { type: 'import', file: 'train.jsonl', line: 3, format: 'gsm8k' },
      createdAt: '2026-11-22T00:00:00.000Z',
    });
    expect(sample.reasoning).toEqual({ text: '2+2 is 4', origin: 'parsed-tags', truncated: false });
    expect(sample.tags).toEqual([]);
    expect(sample.rating).toBeNull();
  });

  it('rejects unknown reasoning origins and bad ratings', () => {
    const base = {
      id: 's',
      taskId: 't',
      input: '',
      output: { content: '' },
      source: { type: 'human' },
      createdAt: 'x',
    };
    expect(SampleSchema.safeParse({ ...base, reasoning: { text: '', origin: 'guess' } }).success).toBe(false);
    expect(SampleSchema.safeParse({ ...base, reasoning: null, rating: 6 }).success).toBe(false);
  });

  it('validates task ids and rejects unknown task keys', () => {
    expect(TaskSchema.safeParse({ id: 'Bad Id', name: 'n', instruction: 'i' }).success).toBe(false);
    const extra = TaskSchema.safeParse({ id: 'ok', name: 'n', instruction: 'i', instructions: 'typo' });
    expect(extra.success).toBe(false);
  });

  it('fills config defaults', () => {
    expect(DistilleryConfigSchema.parse({})).toEqual({
      plugins: [],
      providers: {},
      models: {},
      tasks: [],
      dataDir: '.distill',
    });
  });

  it('adds usage, keeping reasoning tokens only when reported', () => {
    expect(addUsage({ inputTokens: 1, outputTokens: 2 }, { inputTokens: 3, outputTokens: 4 })).toEqual({
      inputTokens: 4,
      outputTokens: 6,
    });
    expect(
      addUsage({ inputTokens: 1, outputTokens: 2, reasoningTokens: 1 }, { inputTokens: 0, outputTokens: 1 }),
    ).toEqual({
      inputTokens: 1,
      outputTokens: 3,
      reasoningTokens: 1,
    });
  });
});
