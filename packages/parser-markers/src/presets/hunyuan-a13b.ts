import { definePreset } from '../define-preset';

/**
 * Tencent Hunyuan-A13B: `<think>\n…\n</think>\n<answer>\n…\n</answer>`; fast mode gives an empty
 * `<think>\n\n</think>`. The reasoning is the think block; the `<answer>` wrapper is dropped from the
 * answer (the newlines inside it are kept verbatim; `trim` strips them).
 */
export const hunyuanA13b = definePreset({
  id: 'hunyuan-a13b',
  description: 'Hunyuan-A13B: <think>…</think><answer>…</answer>; the answer wrapper is dropped.',
  start: '<think>',
  end: '</think>',
  stripFromContent: ['<answer>', '</answer>'],
  inline: { open: '<think>\n', close: '\n</think>\n<answer>\n', answerEnd: '\n</answer>' },
  initial: 'content',
  startMatch: 'anywhere',
  multipleBlocks: false,
  models: ['hunyuan-a13b'],
});
