import type { ExportFormat } from '../export-format';
import { chatRecords } from './chat-records';

/**
 * Together conversational (`{"messages": [...]}`): under the reasoning strategy the trained
 * assistant turn carries the thinking in `reasoning` and the answer in `content` (Together's
 * reasoning fine-tuning, for Qwen3, GLM, gpt-oss...). One line per assistant turn: Together
 * trains only the last assistant message.
 */
export const togetherFormat: ExportFormat = {
  id: 'together',
  description: 'Together conversational JSONL; reasoning in the assistant message\'s "reasoning" field',
  layout: 'reasoning-field',
  records: (sample, context) =>
    chatRecords(sample, context, (turn) => [
      {
        role: 'assistant',
        content: turn.answer,
        ...(turn.reasoning !== undefined ? { reasoning: turn.reasoning } : {}),
      },
    ]),
};
