import type { InlineReasoningLayout } from '@distillery/core';
import type { ExportFormat } from '../export-format';
import { chatRecords } from './chat-records';

/** The R1 layout: `<think>\n{reasoning}\n</think>\n\n{answer}`. */
export const R1_INLINE_LAYOUT: InlineReasoningLayout = { open: '<think>\n', close: '\n</think>\n\n' };

/**
 * Reasoning inline before the answer in a family's layout (default R1's); the reasoning is
 * trimmed, the layout adds the newlines.
 */
export function inlineReasoning(
  reasoning: string,
  answer: string,
  layout: InlineReasoningLayout = R1_INLINE_LAYOUT,
): string {
  return `${layout.open}${reasoning.trim()}${layout.close}${answer}${layout.answerEnd ?? ''}`;
}

/** R1 layout: `<think>\n{reasoning}\n</think>\n\n{answer}` (reasoning trimmed; the tags add the newlines). */
export function thinkTagged(reasoning: string, answer: string): string {
  return inlineReasoning(reasoning, answer);
}

/**
 * R1-compatible chat (`{"messages": [...]}`) for generic and local trainers (TRL, Unsloth,
 * Axolotl): under the reasoning strategy the thinking goes before the answer in `content`,
 * inside `<think>` tags, or in the student family's own inline layout when the export names
 * its parser (`context.inline`: `[THINK]…[/THINK]`, `◁think▷…◁/think▷`, `<seed:think>…`); the
 * fine-tune is then called with the reasoning flow and that parser (default `deepseek-r1`).
 * One line per assistant turn.
 */
export const r1Format: ExportFormat = {
  id: 'r1',
  description:
    'R1-compatible chat JSONL; reasoning as <think>...</think> (or the student family\'s inline markers) before the answer in "content"',
  layout: 'think-tags',
  parser: 'deepseek-r1',
  records: (sample, context) =>
    chatRecords(sample, context, (turn) => [
      {
        role: 'assistant',
        content:
          turn.reasoning !== undefined
            ? inlineReasoning(turn.reasoning, turn.answer, context.inline)
            : turn.answer,
      },
    ]),
};
