import { describe, expect, it } from 'vitest';
import { initialStateFromPromptTail } from './initial-state-from-prompt-tail';

const S = ['<think>'];
const E = ['</think>'];

describe('initialStateFromPromptTail', () => {
  it('reads the last marker of real prompt tails', () => {
    expect(initialStateFromPromptTail('<｜Assistant｜><think>\n', S, E)).toBe('reasoning');
    expect(initialStateFromPromptTail('<|im_start|>assistant\n<think>\n\n</think>\n\n', S, E)).toBe(
      'content',
    );
    expect(initialStateFromPromptTail('<｜Assistant｜></think>', S, E)).toBe('content');
    expect(initialStateFromPromptTail('<|assistant|>\n<think>', S, E)).toBe('reasoning');
  });

  it('is undefined when the tail is missing or holds no marker', () => {
    expect(initialStateFromPromptTail(undefined, S, E)).toBeUndefined();
    expect(initialStateFromPromptTail('', S, E)).toBeUndefined();
    expect(initialStateFromPromptTail('<|im_start|>assistant\n', S, E)).toBeUndefined();
  });

  it('prefers the longer marker when one ends where another does', () => {
    expect(initialStateFromPromptTail('x</think>', ['think>'], E)).toBe('content');
  });
});
