import { definePreset } from '../define-preset';

/**
 * Qwen3-*-Thinking-2507 and Qwen3.5: the chat template ends the prompt with `<think>\n`, so the
 * output holds only `…</think>` and starts inside reasoning (a repeated leading `<think>` is
 * consumed). A tool call begun before `</think>` (`<tool_call>` then `<function`) ends the reasoning
 * and stays in the content, as in `qwen3`. Interleaved blocks after the first are accepted.
 */
export const qwen3Thinking = definePreset({
  id: 'qwen3-thinking',
  description: 'Qwen3 Thinking-2507 / Qwen3.5: the prompt opens <think>; output is …</think>answer.',
  start: '<think>',
  end: '</think>',
  implicitEnd: [{ marker: '<tool_call>', confirm: '<function' }],
  initial: 'reasoning',
  startMatch: 'leading',
  multipleBlocks: true,
  models: ['qwen3-.*thinking', 'qwen3\\.[5-9]', 'qwen3-max-thinking'],
});
