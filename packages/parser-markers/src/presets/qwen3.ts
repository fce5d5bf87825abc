import { definePreset } from '../define-preset';

/**
 * Qwen3 (hybrid 2504), QwQ-style output with tool calls, Qwen3-Coder, and MiMo (vLLM's `mimo` is
 * its Qwen3 adapter): `<think>...</think>`, where a
 * tool call started before `</think>` ends the reasoning. `<tool_call>` ends it only when
 * `<function` follows (after optional whitespace); the `<tool_call>` stays in the content for the
 * tool-call parser. Reasoning that merely mentions `<tool_call>` does not end.
 *
 * Defaults: starts as content (the hybrid model writes `<think>` itself); several blocks joined
 * with "\n"; verbatim whitespace; a stray `</think>` is literal content. Pass the prompt's tail as
 * `promptTail`: thinking off (`<think>\n\n</think>\n\n`) starts as content, and Qwen3-Thinking-2507
 * / Qwen3.5 (prompt ends in `<think>\n`) start inside reasoning.
 */
export const qwen3 = definePreset({
  id: 'qwen3',
  description: 'Qwen3: <think>...</think>, with <tool_call><function as an implicit end of reasoning.',
  start: '<think>',
  end: '</think>',
  implicitEnd: [{ marker: '<tool_call>', confirm: '<function' }],
  initial: 'content',
  startMatch: 'anywhere',
  multipleBlocks: true,
  models: ['qwen3', 'mimo-'],
});
