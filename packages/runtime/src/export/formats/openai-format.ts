import { type ChatMessage, COT_FINAL_ANSWER_PROMPT } from '@distillery/core';
import type { ExportFormat } from '../export-format';
import { chatRecords } from './chat-records';

/** Earlier assistant turns are context, never trained: OpenAI `weight: 0`. */
function contextTurn(message: ChatMessage): Record<string, unknown> {
  return message.role === 'assistant'
    ? { role: 'assistant', content: message.content, weight: 0 }
    : { role: message.role, content: message.content };
}

/**
 * OpenAI chat fine-tuning (`{"messages": [...]}`). OpenAI has no reasoning field, so the
 * reasoning strategy writes the two-message chain-of-thought conversation exactly as the `cot`
 * call flow sends it: system; user (input); user (thinking instruction) -> assistant
 * (reasoning); user "Considering the above, return a final result." -> assistant (answer).
 * Both assistant turns carry `weight: 1` so the student learns to think as well as to answer
 * (left to the default, a trainer that trains only the last assistant message would teach the
 * answer alone); earlier turns of a multi-turn sample carry `weight: 0`.
 */
export const openaiFormat: ExportFormat = {
  id: 'openai',
  description: 'OpenAI chat JSONL; reasoning as the two-message chain-of-thought conversation (weights 1)',
  layout: 'cot-messages',
  records: (sample, context) =>
    chatRecords(
      sample,
      context,
      (turn) =>
        turn.reasoning !== undefined
          ? [
              { role: 'user', content: context.thinkingInstruction },
              { role: 'assistant', content: turn.reasoning, weight: 1 },
              { role: 'user', content: COT_FINAL_ANSWER_PROMPT },
              { role: 'assistant', content: turn.answer, weight: 1 },
            ]
          : [{ role: 'assistant', content: turn.answer }],
      contextTurn,
    ),
};
