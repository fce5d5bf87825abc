import { definePreset } from '../define-preset';

/**
 * Kimi K2 Thinking / K2.5: R1 behaviour (output starts inside reasoning; a leading `<think>` is
 * consumed) with interleaved blocks, and `<|tool_calls_section_begin|>` as an implicit end of
 * reasoning that stays in the content for the tool-call parser.
 */
export const kimiK2 = definePreset({
  id: 'kimi-k2',
  description: 'Kimi K2 Thinking / K2.5: …</think>answer, tool-call section as an implicit end.',
  start: '<think>',
  end: '</think>',
  implicitEnd: [{ marker: '<|tool_calls_section_begin|>' }],
  initial: 'reasoning',
  startMatch: 'leading',
  multipleBlocks: true,
  models: ['kimi-k2'],
});
