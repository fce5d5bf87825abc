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
  inline: {
    open: '<|START_THINKING|>',
    close: '<|END_THINKING|><|START_RESPONSE|>',
    answerEnd: '<|END_RESPONSE|>',
  },
  stripFromContent: ['<|START_RESPONSE|>', '<|END_RESPONSE|>', '<|START_TEXT|>', '<|END_TEXT|>'],
  initial: 'content',
  startMatch: 'anywhere',
  multipleBlocks: false,
  models: ['command-a.*reason'],
});
