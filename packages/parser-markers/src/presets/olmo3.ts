import { definePreset } from '../define-preset';

/**
 * AllenAI Olmo 3 Think: `<think>` is ordinary multi-token text, so split markers are common in
 * streams. Starts inside reasoning (the template opens the block); a leading `<think>` is consumed.
 */
export const olmo3 = definePreset({
  id: 'olmo3',
  description: 'Olmo 3 Think: <think> as plain text; …</think>answer.',
  start: '<think>',
  end: '</think>',
  initial: 'reasoning',
  startMatch: 'leading',
  multipleBlocks: false,
  models: ['olmo-?3'],
});
