import { definePreset } from '../define-preset';

/**
 * Models that write both tags themselves (GLM-4.5/4.6, Phi-4-reasoning, Magistral 2506, Granite 3.3,
 * MiniMax/Kimi interleaved thinking): `<think>...</think>` blocks anywhere in the output.
 *
 * Defaults: starts as content; text before `<think>` is kept as content; several blocks are
 * accepted and joined with "\n" (interleaved thinking); verbatim whitespace. A stray `</think>`
 * with no opener is kept as literal content: an answer may be code about tags, and an output whose
 * opener lived in the prompt belongs to `deepseek-r1` or to a `promptTail` ending in `<think>`.
 */
export const thinkTags = definePreset({
  id: 'think-tags',
  description: 'Generic <think>...</think> blocks anywhere in the output; several blocks allowed.',
  start: '<think>',
  end: '</think>',
  initial: 'content',
  startMatch: 'anywhere',
  multipleBlocks: true,
  models: ['phi-4.*reasoning', 'magistral-(small|medium)-2506'],
});
