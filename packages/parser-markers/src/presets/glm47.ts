import { definePreset } from '../define-preset';

/**
 * GLM-4.7 and later: the prompt ends `<|assistant|>\n<think>`, so the output starts inside
 * reasoning and holds only `…</think>` (a repeated leading `<think>` is consumed). Interleaved
 * blocks after the first are accepted. With finish reason `stop` and no `</think>` the model
 * skipped thinking and the text is the answer.
 */
export const glm47 = definePreset({
  id: 'glm47',
  description: 'GLM-4.7+: the prompt opens <think>; output is …</think>answer, interleaved blocks allowed.',
  start: '<think>',
  end: '</think>',
  initial: 'reasoning',
  startMatch: 'leading',
  multipleBlocks: true,
  models: ['glm-4\\.7', 'glm-5'],
});
