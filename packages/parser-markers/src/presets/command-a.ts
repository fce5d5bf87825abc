import { definePreset } from '../define-preset';

/**
 * Cohere Command A Reasoning: `<|START_THINKING|>…<|END_THINKING|>`, the answer optionally wrapped
 * in `<|START_RESPONSE|>…<|END_RESPONSE|>` or `<|START_TEXT|>…<|END_TEXT|>`, which are dropped.
 */
export const commandA = definePreset({
  id: 'command-a',
  description: 'Cohere Command A Reasoning: <|START_THINKING|>…<|END_THINKING|>.',
  start: '<|START_THINKING|>',
  end: '<|END_THINKING|>',
  stripFromContent: ['<|START_RESPONSE|>', '<|END_RESPONSE|>', '<|START_TEXT|>', '<|END_TEXT|>'],
  initial: 'content',
  startMatch: 'anywhere',
  multipleBlocks: false,
  models: ['command-a.*reason'],
});
