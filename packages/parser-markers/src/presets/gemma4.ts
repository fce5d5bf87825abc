import { definePreset } from '../define-preset';

/**
 * Gemma 4: `<|channel>thought\n…<channel|>`; never starts inside reasoning.
 */
export const gemma4 = definePreset({
  id: 'gemma4',
  description: 'Gemma 4: <|channel>thought\\n…<channel|>.',
  start: '<|channel>thought\n',
  end: '<channel|>',
  initial: 'content',
  startMatch: 'anywhere',
  multipleBlocks: false,
  models: ['gemma-?4'],
});
