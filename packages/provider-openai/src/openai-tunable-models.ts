/** The day this list was compiled from OpenAI's fine-tuning guide. */
export const OPENAI_TUNABLE_MODELS_DATE = '2026-12-02';

/**
 * Base models OpenAI fine-tunes with supervised (and DPO) training, by alias; a dated snapshot of
 * an alias (`gpt-4.1-mini-2025-04-14`) and a fine-tune of one (`ft:gpt-4.1-mini-…:org::id`,
 * trained further) are tunable too. OpenAI publishes no limits endpoint, so this list decides.
 */
export const OPENAI_TUNABLE_MODELS: readonly string[] = [
  'gpt-4.1',
  'gpt-4.1-mini',
  'gpt-4.1-nano',
  'gpt-4o',
  'gpt-4o-mini',
  'gpt-3.5-turbo',
];

/** Whether OpenAI fine-tunes `model` (an alias above, a dated snapshot of one, or a fine-tune of one). */
export function isOpenAITunable(model: string): boolean {
  const base = model.startsWith('ft:') ? (model.slice(3).split(':')[0] ?? '') : model;
  return OPENAI_TUNABLE_MODELS.some(
    (alias) =>
      base === alias || new RegExp(`^${alias.replace(/\./g, '\\.')}-\\d{4}-\\d{2}-\\d{2}$`).test(base),
  );
}

/**
 * An estimate of the epochs OpenAI's `auto` picks for a training file of `examples` examples: 3,
 * raised for small files towards 100 examples seen and lowered for large ones to at most 25,000
 * (the rule in OpenAI's cookbook on preparing chat fine-tuning data).
 */
export function openAIAutoEpochs(examples: number | undefined): number {
  const target = 3;
  if (!examples || examples <= 0) return target;
  if (examples * target < 100) return Math.min(25, Math.floor(100 / examples));
  if (examples * target > 25_000) return Math.max(1, Math.floor(25_000 / examples));
  return target;
}
