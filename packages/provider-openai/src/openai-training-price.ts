import type { FineTuneMethod } from '@distillery/core';

/**
 * OpenAI's published supervised fine-tuning list prices, US dollars per million training tokens
 * (tokens x epochs). OpenAI has one method (no LoRA/full choice), so `method` does not change it.
 */
const PRICES: readonly [prefix: string, perMillion: number][] = [
  ['gpt-4.1-nano', 1.5],
  ['gpt-4.1-mini', 5],
  ['gpt-4.1', 25],
  ['gpt-4o-mini', 3],
  ['gpt-4o', 25],
];

export function openAITrainingPricePerMillionTokens(
  model: string,
  _method: FineTuneMethod,
): number | undefined {
  const id = model.toLowerCase();
  return PRICES.find(([prefix]) => id === prefix || id.startsWith(`${prefix}-`))?.[1];
}
