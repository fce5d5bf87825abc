import {
  type FineTuneRecord,
  type FlowEvent,
  InputError,
  type ModelParameters,
  ReasoningEffortSchema,
} from '@distillery/core';
import {
  findFineTune,
  findTask,
  openProjectStore,
  type RunModelResult,
  refreshFineTune,
  runFineTuned,
  runModel,
  type Session,
} from '@distillery/runtime';
import { type Command, Option } from 'commander';
import { checkPluginFlag } from '../check-plugin-flag';
import type { CliIO } from '../cli-io';
import type { RegisterCommand } from '../command-context';
import { parseNumberFlag } from '../parse-number-flag';
import { readText } from '../read-text';
import { styleFor } from '../style';

export interface RunCommandOptions {
  provider?: string;
  model?: string;
  finetune?: string;
  flow?: string;
  parser?: string;
  task?: string;
  system?: string;
  thinkingInstruction?: string;
  input?: string;
  inputFile?: string;
  stream?: boolean;
  json?: boolean;
  temperature?: string;
  maxTokens?: string;
  reasoningEffort?: string;
  thinking?: 'on' | 'off';
}

function parameters(options: RunCommandOptions): ModelParameters | undefined {
  const effort = options.reasoningEffort;
  if (effort !== undefined && !ReasoningEffortSchema.safeParse(effort).success) {
    throw new InputError(
      `--reasoning-effort must be one of ${ReasoningEffortSchema.options.join(', ')}, got "${effort}".`,
    );
  }
  const params: ModelParameters = {
    ...(options.temperature !== undefined
      ? { temperature: parseNumberFlag('--temperature', options.temperature, { min: 0, max: 2 })! }
      : {}),
    ...(options.maxTokens !== undefined
      ? { maxTokens: parseNumberFlag('--max-tokens', options.maxTokens, { integer: true })! }
      : {}),
    ...(effort ? { reasoningEffort: effort as ModelParameters['reasoningEffort'] } : {}),
    ...(options.thinking ? { thinking: options.thinking === 'on' } : {}),
  };
  return Object.keys(params).length > 0 ? params : undefined;
}

/** Live output for people: reasoning dimmed under its own heading, then the answer. */
function liveWriter(io: CliIO): (event: FlowEvent) => void {
  const style = styleFor(io.stdout, io.env);
  let section: 'none' | 'reasoning' | 'content' = 'none';
  // A retry sends only the call in progress again: in the chain-of-thought flow, the first call's
  // reasoning stands when the final call is cut.
  let purpose: 'answer' | 'reasoning' | 'final' = 'answer';
  const retried = {
    answer: 'retrying from the start',
    reasoning: 'retrying the reasoning call from its start',
    final: 'retrying the final call from its start; the reasoning above stands',
  };
  return (event) => {
    if (event.type === 'reasoning-delta') {
      if (section !== 'reasoning') {
        io.stdout.write(`${section === 'none' ? '' : '\n\n'}${style.bold(style.cyan('Reasoning'))}\n`);
        section = 'reasoning';
      }
      io.stdout.write(style.dim(event.text));
    } else if (event.type === 'content-delta') {
      if (section !== 'content') {
        io.stdout.write(`${section === 'none' ? '' : '\n\n'}${style.bold(style.green('Answer'))}\n`);
        section = 'content';
      }
      io.stdout.write(event.text);
    } else if (event.type === 'call-start') {
      purpose = event.purpose;
    } else if (event.type === 'retry') {
      io.stdout.write(`\n${style.yellow(`[stream interrupted (${event.reason}); ${retried[purpose]}]`)}\n`);
      section = 'none';
    }
  };
}

function summary(result: RunModelResult): string {
  const usage = result.usage;
  const tokens = `${usage.inputTokens} in, ${usage.outputTokens} out${usage.reasoningTokens !== undefined ? ` (${usage.reasoningTokens} reasoning)` : ''}`;
  const cost = result.costUsd === null ? 'cost unknown' : `$${result.costUsd.toFixed(6)}`;
  return `${result.provider}/${result.model} · ${result.flow} flow · ${tokens} · ${cost} · ${result.latencyMs} ms · ${result.finishReason}`;
}

function printResult(result: RunModelResult, options: RunCommandOptions, io: CliIO): void {
  if (options.json) {
    io.stdout.write(
      `${JSON.stringify({
        reasoning: result.reasoning,
        content: result.content,
        structured: result.structured ?? null,
        finishReason: result.finishReason,
        usage: result.usage,
        costUsd: result.costUsd,
        trace: result.trace,
      })}\n`,
    );
    return;
  }
  const style = styleFor(io.stdout, io.env);
  if (!options.stream) {
    if (result.reasoning !== null) {
      io.stdout.write(`${style.bold(style.cyan('Reasoning'))}\n${style.dim(result.reasoning)}\n\n`);
    }
    io.stdout.write(`${style.bold(style.green('Answer'))}\n${result.content}`);
  }
  io.stdout.write('\n');
  if (result.reasoning === null && result.reasoningExposure === 'hidden') {
    io.stdout.write(
      `${style.yellow('note:')} ${result.model} reasons internally but its API does not return the reasoning.\n`,
    );
  }
  if (result.reasoningTruncated) {
    io.stdout.write(
      `${style.yellow('note:')} the reasoning was cut off (finish reason: ${result.finishReason}).\n`,
    );
  }
  io.stdout.write(`${style.dim(summary(result))}\n`);
}

/** `distill run`: one input through a provider, model and call flow, reasoning kept apart from the answer. */
export async function runCommand(session: Session, options: RunCommandOptions, io: CliIO): Promise<void> {
  if (options.input !== undefined && options.inputFile !== undefined) {
    throw new InputError('Give either --input or --input-file, not both.');
  }
  if (options.input === undefined && options.inputFile === undefined) {
    throw new InputError('Nothing to run: no input given.', {
      advice: 'Pass --input "TEXT", or --input-file FILE (- for standard input).',
    });
  }
  const input = options.input ?? (await readText(options.inputFile!, io));
  const human = !options.json;
  if (options.finetune) {
    if (
      options.provider ||
      options.model ||
      options.flow ||
      options.parser ||
      options.system ||
      options.task
    ) {
      throw new InputError(
        '--finetune calls the model exactly as it was trained: drop --provider, --model, --flow, --parser, --system and --task.',
      );
    }
    const store = await openProjectStore(session);
    let record: FineTuneRecord;
    try {
      record = await refreshFineTune(session, store, await findFineTune(store, options.finetune));
    } finally {
      await store.close();
    }
    const result = await runFineTuned(session, record, {
      input,
      ...(options.stream ? { stream: true } : {}),
      ...(options.stream && human ? { onEvent: liveWriter(io) } : {}),
    });
    printResult(result, options, io);
    return;
  }
  if (!options.provider || !options.model) {
    throw new InputError('Say which model to run: --provider ID --model MODEL (or --finetune ID).', {
      advice: 'e.g. distill run --provider together --model deepseek-ai/DeepSeek-R1 --input "..."',
    });
  }
  checkPluginFlag(session.plugins, 'model-provider', options.provider, '--provider');
  if (options.flow) checkPluginFlag(session.plugins, 'call-flow', options.flow, '--flow');
  if (options.parser) checkPluginFlag(session.plugins, 'reasoning-parser', options.parser, '--parser');
  const task = options.task ? findTask(session, options.task) : undefined;
  const system = options.system ?? task?.instruction ?? '';
  const thinkingInstruction = options.thinkingInstruction ?? task?.thinkingInstruction;
  const params = parameters(options);
  const result = await runModel(session, {
    provider: options.provider,
    model: options.model,
    ...(options.flow ? { flow: options.flow } : {}),
    ...(options.parser ? { parser: options.parser } : {}),
    prompt: { system, ...(thinkingInstruction ? { thinkingInstruction } : {}) },
    input,
    ...(params ? { parameters: params } : {}),
    ...(task?.outputSchema && task.outputSchema.type === 'object' ? { outputSchema: task.outputSchema } : {}),
    ...(options.stream ? { stream: true } : {}),
    ...(options.stream && human ? { onEvent: liveWriter(io) } : {}),
  });
  printResult(result, options, io);
}

export const registerRunCommand: RegisterCommand = (program, { io, session }) => {
  program
    .command('run')
    .description('run one input through a provider, model and call flow')
    .option('--provider <id>', 'provider id: openai, together, anthropic, or one from the config')
    .option('--model <model>', 'model name at that provider')
    .option('--finetune <id>', 'call a fine-tuned model with the prompt, flow and parser it was trained with')
    .option('--flow <flow>', 'call flow: single, cot (chain of thought) or reasoning')
    .option('--parser <id>', 'parser for reasoning inline in the text, e.g. deepseek-r1')
    .option('--task <id>', "use a config task's instruction and thinking instruction")
    .option('--system <text>', 'system prompt')
    .option('--thinking-instruction <text>', 'thinking instruction (cot flow: the thinking turn)')
    .option('--input <text>', 'the task input')
    .option('--input-file <file>', 'read the task input from a file (- for standard input)')
    .option('--temperature <n>', 'sampling temperature')
    .option('--max-tokens <n>', 'maximum output tokens')
    .option('--reasoning-effort <level>', 'none, minimal, low, medium, high, xhigh or max')
    .addOption(
      new Option('--thinking <mode>', 'ask the model to think (Together, Anthropic)').choices(['on', 'off']),
    )
    .option('--stream', 'stream the reasoning and the answer as they come')
    .option('--json', 'print one JSON object with reasoning, content, usage, cost and trace')
    .action(async (options: RunCommandOptions, command: Command) =>
      runCommand(await session(command), options, io),
    );
};
