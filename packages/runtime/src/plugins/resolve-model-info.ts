import { type DistilleryConfig, findModel, type ModelInfo, type ModelProvider } from '@distillery/core';

/**
 * What is known about a model: the provider's catalog entry, with the config's `models` entry
 * laid over it (prices, reasoning exposure, parser). Unknown models get a neutral entry.
 */
export function resolveModelInfo(
  provider: ModelProvider,
  model: string,
  config: DistilleryConfig,
): ModelInfo {
  const known = findModel(provider.models ?? [], model);
  const override = config.models[model];
  const base: ModelInfo = known ?? {
    id: model,
    provider: provider.id,
    reasoning: 'none',
    structuredOutput: ['json_schema'],
  };
  if (!override) return base;
  return {
    ...base,
    ...(override.reasoning ? { reasoning: override.reasoning } : {}),
    ...(override.parser ? { parser: override.parser } : {}),
    ...(override.structuredOutput ? { structuredOutput: override.structuredOutput } : {}),
    ...(override.pricing ? { pricing: override.pricing } : {}),
    ...(override.contextWindow ? { contextWindow: override.contextWindow } : {}),
  };
}
