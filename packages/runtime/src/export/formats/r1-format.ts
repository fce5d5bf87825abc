import type { ExportFormat } from '../export-format';
import { chatRecords } from './chat-records';

/** R1 layout: `<think>\n{reasoning}\n</think>\n\n{answer}` (reasoning trimmed; the tags add the newlines). */
export function thinkTagged(reasoning: string, answer: string): string {
  return `<think>\n${reasoning.trim()}\n</think>\n\n${answer}`;
}

/**
 * R1-compatible chat (`{"messages": [...]}`) for generic and local trainers (TRL, Unsloth,
 * Axolotl): under the reasoning strategy the thinking goes before the answer in `content`,
 * inside `<think>` tags; the fine-tune is then called with the reasoning flow and the
 * `deepseek-r1` parser. One line per assistant turn.
 */
export const r1Format: ExportFormat = {
  id: 'r1',
  description: 'R1-compatible chat JSONL; reasoning as <think>...</think> before the answer in "content"',
  layout: 'think-tags',
  parser: 'deepseek-r1',
  records: (sample, context) =>
    chatRecords(sample, context, (turn) => [
      {
        role: 'assistant',
        content: turn.reasoning !== undefined ? thinkTagged(turn.reasoning, turn.answer) : turn.answer,
      },
    ]),
};
