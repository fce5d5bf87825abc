import type { FineTuneMethod } from '@distillery/core';

/**
 * Together's published supervised fine-tuning list prices, US dollars per million training
 * tokens (tokens x epochs), by model size. The provider's own estimate (`estimatePrice`, after
 * upload) is authoritative; this prices a plan before anything is uploaded.
 */
const TIERS: readonly { maxBillions: number; lora: number; full: number }[] = [
  { maxBillions: 16, lora: 0.48, full: 0.54 },
  { maxBillions: 69, lora: 1.5, full: 1.65 },
  { maxBillions: 100, lora: 2.9, full: 3.2 },
];

/** Total parameters in billions from a model id such as `Qwen/Qwen3-8B` or `Qwen3-30B-A3B` (total, not active). */
export function modelSizeBillions(model: string): number | undefined {
  const sizes = [...model.matchAll(/(?:^|[-_/])(\d+(?:\.\d+)?)[bB](?=$|[-_.])/g)].map((m) => Number(m[1]));
  return sizes.length > 0 ? Math.max(...sizes) : undefined;
}

export function togetherTrainingPricePerMillionTokens(
  model: string,
  method: FineTuneMethod,
): number | undefined {
  const size = modelSizeBillions(model);
  if (size === undefined) return undefined;
  const tier = TIERS.find((t) => size <= t.maxBillions);
  return tier ? tier[method] : undefined;
}
