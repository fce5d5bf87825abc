import {
  costUsd,
  type FlowEvent,
  type JsonSchema,
  type ModelInfo,
  type ModelParameters,
  type Prompt,
  type ReasoningParseOptions,
  type StructuredOutputRequest,
  type TaskOutput,
} from '@distillery/core';
import { runParser } from '../parse/run-parser';
import { resolveModelInfo } from '../plugins/resolve-model-info';
import type { Session } from '../session';

export interface RunModelOptions {
  provider: string;
  model: string;
  /** `single`, `cot`, `reasoning` or a plugin's flow id. Default: `reasoning` for models known to reason, else `single`. */
  flow?: string;
  /** Parser id for reasoning inline in the text. Default: the model catalog's parser, if any. */
  parser?: string;
  parserOptions?: ReasoningParseOptions;
  prompt: Prompt;
  input: unknown;
  parameters?: ModelParameters;
  outputSchema?: JsonSchema;
  structuredOutputMode?: StructuredOutputRequest['mode'];
  stream?: boolean;
  onEvent?: (event: FlowEvent) => void;
}

export interface RunModelResult extends TaskOutput {
  provider: string;
  model: string;
  flow: string;
  parser: string | undefined;
  modelInfo: ModelInfo;
  /** US dollars for all calls, or null when the model's price is unknown. */
  costUsd: number | null;
}

/** Runs one input through a provider, model and call flow: the `distill run` pipeline. */
export async function runModel(session: Session, options: RunModelOptions): Promise<RunModelResult> {
  const provider = await session.plugins.provider(options.provider);
  const modelInfo = resolveModelInfo(provider, options.model, session.config.config);
  const flowId =
    options.flow ??
    (['field', 'inline', 'summary', 'hidden'].includes(modelInfo.reasoning) ? 'reasoning' : 'single');
  const flow = await session.plugins.flow(flowId);
  const parser = await runParser(session, {
    provider,
    model: options.model,
    modelInfo,
    parser: options.parser,
  });
  const output = await flow.run({
    provider,
    model: options.model,
    prompt: options.prompt,
    input: options.input,
    ...(parser ? { parser } : {}),
    ...(options.parserOptions ? { parserOptions: options.parserOptions } : {}),
    ...(options.outputSchema ? { outputSchema: options.outputSchema } : {}),
    ...(options.structuredOutputMode ? { structuredOutputMode: options.structuredOutputMode } : {}),
    ...(options.parameters ? { parameters: options.parameters } : {}),
    ...(options.stream ? { stream: true } : {}),
    ...(options.onEvent ? { onEvent: options.onEvent } : {}),
    ...(session.ctx.signal ? { signal: session.ctx.signal } : {}),
  });
  return {
    ...output,
    provider: provider.id,
    model: options.model,
    flow: flow.id,
    parser: parser?.id,
    modelInfo,
    costUsd: costUsd(modelInfo.pricing, output.usage),
  };
}
