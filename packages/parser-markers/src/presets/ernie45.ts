import { definePreset } from '../define-preset';

/**
 * Baidu ERNIE 4.5 thinking: `abc\n</think>\n\n<response>\ndef\n</response>\n` or `abc\n</think>\ndef`.
 * Starts inside reasoning; the `<response>` wrapper is dropped from the answer.
 */
export const ernie45 = definePreset({
  id: 'ernie45',
  description: 'ERNIE 4.5: …</think><response>…</response>; the response wrapper is dropped.',
  start: '<think>',
  end: '</think>',
  stripFromContent: ['<response>', '</response>'],
  initial: 'reasoning',
  startMatch: 'leading',
  multipleBlocks: false,
  models: ['ernie-4\\.5', 'ernie-5'],
});
