import {
  type CallFlow,
  type JsonSchema,
  type ModelInfo,
  type ModelParameters,
  type ModelProvider,
  type Prompt,
  type ReasoningParserPlugin,
  type RunConfig,
  type Task,
  UserError,
} from '@distillery/core';
import { runParser } from '../parse/run-parser';
import { resolveModelInfo } from '../plugins/resolve-model-info';
import type { Session } from '../session';

/** Everything needed to call a task's run config: resolved once per generation. */
export interface GenerationTarget {
  task: Task;
  runConfig: RunConfig;
  provider: ModelProvider;
  flow: CallFlow;
  parser: ReasoningParserPlugin | undefined;
  modelInfo: ModelInfo;
  /** The run config's prompt, or the task's instruction and thinking instruction. */
  prompt: Prompt;
  parameters: ModelParameters;
  outputSchema: JsonSchema | undefined;
}

/** A run config of the task by name (default: its first), or an error listing them. */
export function findRunConfig(session: Session, task: Task, name: string | undefined): RunConfig {
  const where = session.config.file ?? 'distill.config.ts';
  if (task.runConfigs.length === 0) {
    throw new UserError(`Task "${task.id}" has no run configs.`, {
      exitCode: 2,
      location: where,
      advice:
        "Add one under the task's runConfigs, e.g. { name: 'teacher', provider: 'together', model: 'deepseek-ai/DeepSeek-R1', flow: 'reasoning' }.",
    });
  }
  if (name === undefined) return task.runConfigs[0]!;
  const found = task.runConfigs.find((rc) => rc.name === name);
  if (found) return found;
  throw new UserError(`Task "${task.id}" has no run config named "${name}".`, {
    exitCode: 2,
    location: where,
    advice: `Its run configs: ${task.runConfigs.map((rc) => rc.name).join(', ')}.`,
  });
}

/** Resolves provider, flow, parser, model info, prompt and parameters of a run config. */
export async function resolveGenerationTarget(
  session: Session,
  task: Task,
  runConfig: RunConfig,
): Promise<GenerationTarget> {
  const provider = await session.plugins.provider(runConfig.provider);
  const modelInfo = resolveModelInfo(provider, runConfig.model, session.config.config);
  const flow = await session.plugins.flow(runConfig.flow);
  const parser = await runParser(session, {
    provider,
    model: runConfig.model,
    modelInfo,
    parser: runConfig.parser,
  });
  const prompt: Prompt = runConfig.prompt ?? {
    system: task.instruction,
    ...(task.thinkingInstruction ? { thinkingInstruction: task.thinkingInstruction } : {}),
  };
  const parameters: ModelParameters = {
    ...session.config.config.models[runConfig.model]?.parameters,
    ...runConfig.parameters,
  };
  const outputSchema = task.outputSchema?.type === 'object' ? task.outputSchema : undefined;
  return { task, runConfig, provider, flow, parser, modelInfo, prompt, parameters, outputSchema };
}
