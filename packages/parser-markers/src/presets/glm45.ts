import { definePreset } from '../define-preset';

/**
 * GLM-4.5 / GLM-4.6: the model writes both `<think>` and `</think>`, and interleaves further blocks
 * between tool calls. Starts as content (text before `<think>` stays content); an unclosed block is
 * truncated reasoning, not content (vLLM's `glm45` turns it into content, literal `<think>` and
 * all). With thinking off the template appends `<think></think>`: pass it as `promptTail`.
 */
export const glm45 = definePreset({
  id: 'glm45',
  description: 'GLM-4.5/4.6: <think>…</think> written by the model, interleaved blocks allowed.',
  start: '<think>',
  end: '</think>',
  initial: 'content',
  startMatch: 'anywhere',
  multipleBlocks: true,
  models: ['glm-4\\.[56]'],
});
