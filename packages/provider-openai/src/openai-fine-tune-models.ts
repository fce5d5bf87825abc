/** Model snapshots OpenAI's supervised fine-tuning accepts, offered in pickers. */
export const OPENAI_FINE_TUNE_MODELS: readonly string[] = [
  'gpt-4.1-mini-2025-04-14',
  'gpt-4.1-nano-2025-04-14',
  'gpt-4.1-2025-04-14',
  'gpt-4o-mini-2024-07-18',
  'gpt-4o-2024-08-06',
];
