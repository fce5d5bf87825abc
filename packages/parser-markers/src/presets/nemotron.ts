import { definePreset } from '../define-preset';

/**
 * NVIDIA Nemotron (Llama-Nemotron "detailed thinking on", Nemotron-3 with `enable_thinking`): R1
 * behaviour. Nemotron-3 prefills `<think>` in the prompt, so the output holds an orphan `</think>`;
 * a leading `<think>` is consumed. Thinking off: pass `thinking: false` or the prompt tail.
 */
export const nemotron = definePreset({
  id: 'nemotron',
  description: 'Nemotron: …</think>answer (R1 behaviour), a leading <think> consumed.',
  start: '<think>',
  end: '</think>',
  initial: 'reasoning',
  startMatch: 'leading',
  multipleBlocks: false,
  models: ['nemotron'],
});
