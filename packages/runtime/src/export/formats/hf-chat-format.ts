import type { ExportFormat } from '../export-format';
import { chatRecords } from './chat-records';

/**
 * Hugging Face chat (`{"messages": [...]}`) with the thinking in `reasoning_content` on the
 * trained assistant turn, the field Qwen3's chat template renders as `<think>...</think>` (TRL's
 * SFTTrainer applies the model's template). One line per assistant turn.
 */
export const hfChatFormat: ExportFormat = {
  id: 'hf-chat',
  description: 'Hugging Face chat "messages" JSONL; reasoning in "reasoning_content" (Qwen3 chat template)',
  layout: 'reasoning-field',
  records: (sample, context) =>
    chatRecords(sample, context, (turn) => [
      {
        role: 'assistant',
        content: turn.answer,
        ...(turn.reasoning !== undefined ? { reasoning_content: turn.reasoning } : {}),
      },
    ]),
};
