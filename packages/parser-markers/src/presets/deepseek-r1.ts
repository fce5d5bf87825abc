import { definePreset } from '../define-preset';

/**
 * DeepSeek-R1 and the R1-shaped families (R1 distills, QwQ, V3.1/V4 thinking, GLM-4.7, MiniMax-M2,
 * Kimi K2 thinking, Nemotron with a prefilled opener, EXAONE 4 in reasoning mode, Hunyuan 3 /
 * vLLM `hy_v3`): the chat template already opened `<think>`,
 * so the output starts inside reasoning and usually holds only `</think>`.
 *
 * Defaults: starts in reasoning; a leading `<think>` (after optional whitespace) is consumed, not
 * emitted (R1-0528 repeats it); one block (a later `<think>` is literal content); verbatim
 * whitespace; a stray `</think>` after the block is literal content. `thinking: false` (V3.1
 * non-thinking) starts as content and honours only a leading `<think>`; `promptTail` wins over both.
 */
export const deepseekR1 = definePreset({
  id: 'deepseek-r1',
  description:
    'DeepSeek-R1 family: output starts inside <think> (opened by the chat template) and ends it with </think>.',
  start: '<think>',
  end: '</think>',
  initial: 'reasoning',
  startMatch: 'leading',
  multipleBlocks: false,
  models: [
    'deepseek-r1',
    'deepseek-reasoner',
    'deepseek-v3\\.[1-9]',
    'deepseek-v4',
    'r1-distill',
    'qwq',
    'exaone-?4',
    '(hunyuan|^hy|/hy)-?v?3(\\.\\d+)?(-|:|$)',
  ],
});
