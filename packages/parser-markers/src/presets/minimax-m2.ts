import { definePreset } from '../define-preset';

/**
 * MiniMax-M2: the output has no opener (`…</think>answer`) and interleaves further `<think>` blocks
 * between tool calls, so it starts inside reasoning and accepts several blocks.
 */
export const minimaxM2 = definePreset({
  id: 'minimax-m2',
  description: 'MiniMax-M2: no opener in the output (…</think>), interleaved thinking.',
  start: '<think>',
  end: '</think>',
  initial: 'reasoning',
  startMatch: 'leading',
  multipleBlocks: true,
  models: ['minimax-m2'],
});
