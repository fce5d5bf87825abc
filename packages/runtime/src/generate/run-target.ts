import { costUsd, type ModelProvider, type TaskOutput } from '@distillery/core';
import type { GenerationTarget } from './generation-target';

export interface RunTargetOptions {
  /** The provider to call through (the run config's, possibly rate-limited). */
  provider: ModelProvider;
  signal: AbortSignal;
  stream: boolean;
  /** Counts HTTP attempts: one per call of the flow, plus one per provider retry. */
  onAttempt?: () => void;
}

export interface TargetOutput extends TaskOutput {
  costUsd: number | null;
}

/** Runs one input through a run config's call flow, as `runModel` does, with a per-call signal. */
export async function runTarget(
  target: GenerationTarget,
  input: string,
  options: RunTargetOptions,
): Promise<TargetOutput> {
  const { structuredOutputMode, ...parameters } = target.parameters;
  const output = await target.flow.run({
    provider: options.provider,
    model: target.runConfig.model,
    prompt: target.prompt,
    input,
    ...(target.parser ? { parser: target.parser } : {}),
    ...(target.outputSchema ? { outputSchema: target.outputSchema } : {}),
    ...(structuredOutputMode ? { structuredOutputMode } : {}),
    ...(Object.keys(parameters).length > 0 ? { parameters } : {}),
    stream: options.stream,
    onEvent: (event) => {
      if (event.type === 'call-start' || event.type === 'retry') options.onAttempt?.();
    },
    signal: options.signal,
  });
  return { ...output, costUsd: costUsd(target.modelInfo.pricing, output.usage) };
}
