import { describe, expect, it } from 'vitest';
import { mergeReasoningDetails, readReasoning } from './reasoning-fields';

describe('readReasoning', () => {
  it('treats empty strings and null as no reasoning', () => {
    expect(readReasoning({ reasoning: '', reasoning_content: null }).text).toBe('');
    expect(readReasoning({ reasoning: null, reasoning_content: 'x' }).text).toBe('x');
  });
});

describe('mergeReasoningDetails', () => {
  it('joins streamed fragments by index and keeps opaque fields whole', () => {
    const into: Record<string, unknown>[] = [];
    mergeReasoningDetails(into, [{ type: 'reasoning.text', text: 'Let ', index: 0 }]);
    mergeReasoningDetails(into, [{ type: 'reasoning.text', text: 'me think', index: 0 }]);
    mergeReasoningDetails(into, [{ type: 'reasoning.text', text: '', signature: 'sig', index: 0 }]);
    mergeReasoningDetails(into, [{ type: 'reasoning.encrypted', data: 'xyz==', index: 1 }]);
    expect(into).toEqual([
      { type: 'reasoning.text', text: 'Let me think', signature: 'sig', index: 0 },
      { type: 'reasoning.encrypted', data: 'xyz==', index: 1 },
    ]);
  });
});
