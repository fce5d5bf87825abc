import { definePreset } from '../define-preset';

/**
 * IBM Granite 3.3 (llama.cpp's granite format): `<think>…</think><response>…</response>`. The
 * reasoning is the think block; the `<response>` wrapper is dropped from the answer.
 */
export const graniteTags = definePreset({
  id: 'granite-tags',
  description: 'Granite 3.3: <think>…</think><response>…</response>; the response wrapper is dropped.',
  start: '<think>',
  end: '</think>',
  stripFromContent: ['<response>', '</response>'],
  inline: { open: '<think>', close: '</think><response>', answerEnd: '</response>' },
  initial: 'content',
  startMatch: 'anywhere',
  multipleBlocks: false,
  models: ['granite-3\\.3'],
});
