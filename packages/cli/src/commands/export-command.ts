import { InputError, type Prompt } from '@distillery/core';
import {
  EXPORT_FORMATS,
  type ExportFormatId,
  type ExportResult,
  exportDataset,
  findDataset,
  findTask,
  openProjectStore,
  type Session,
} from '@distillery/runtime';
import { type Command, Option } from 'commander';
import { checkPluginFlag } from '../check-plugin-flag';
import type { CliIO } from '../cli-io';
import type { RegisterCommand } from '../command-context';
import { styleFor } from '../style';

export interface ExportCommandOptions {
  split: string;
  strategy: 'final-only' | 'reasoning';
  format: ExportFormatId;
  out: string;
  system?: string;
  thinkingInstruction?: string;
  parser?: string;
  model?: string;
  json?: boolean;
}

function size(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

const SKIP_REASONS: Record<string, string> = {
  'no-rejected': 'without a rejected output (no preference pair)',
  deleted: 'deleted since the snapshot was made',
};

function report(result: ExportResult, out: string, io: CliIO): void {
  const style = styleFor(io.stdout, io.env);
  const lines = [
    `${style.green('Wrote')} ${result.examples} example${result.examples === 1 ? '' : 's'} from ${result.samples} sample${result.samples === 1 ? '' : 's'} to ${out} ${style.dim(`(${size(result.bytes)}; ${result.format}, ${result.strategy}, split ${result.split} of ${result.dataset.name})`)}`,
  ];
  for (const [reason, count] of Object.entries(result.skippedBy)) {
    if (count)
      lines.push(`  skipped ${count} sample${count === 1 ? '' : 's'} ${SKIP_REASONS[reason] ?? reason}`);
  }
  if (result.skippedTurns > 0) {
    lines.push(
      `  skipped ${result.skippedTurns} earlier turn${result.skippedTurns === 1 ? '' : 's'} of multi-turn samples (no user turn before, or no reasoning)`,
    );
  }
  if (result.truncatedReasoning > 0) {
    lines.push(
      `${style.yellow('note:')} ${result.truncatedReasoning} exported sample${result.truncatedReasoning === 1 ? ' has' : 's have'} reasoning that was cut off by the teacher's token limit.`,
    );
  }
  const call = [`${result.flow} flow`, ...(result.parser ? [`parser ${result.parser}`] : [])].join(', ');
  lines.push(`Call the fine-tune with: ${call}`);
  lines.push(`  system: ${JSON.stringify(result.prompt.system)}`);
  if (result.prompt.thinkingInstruction !== undefined) {
    lines.push(`  thinking instruction: ${JSON.stringify(result.prompt.thinkingInstruction)}`);
  }
  io.stdout.write(`${lines.join('\n')}\n`);
}

/** `distill export`: one split of a dataset as training JSONL for a strategy and a format. */
export async function exportCommand(
  session: Session,
  datasetName: string,
  options: ExportCommandOptions,
  io: CliIO,
): Promise<void> {
  if (options.parser !== undefined)
    checkPluginFlag(session.plugins, 'reasoning-parser', options.parser, '--parser');
  const store = await openProjectStore(session);
  try {
    const dataset = await findDataset(store, datasetName);
    let prompt: Prompt | undefined;
    if (options.system !== undefined || options.thinkingInstruction !== undefined) {
      const task = options.system === undefined ? findTask(session, dataset.taskId) : undefined;
      const thinkingInstruction = options.thinkingInstruction ?? task?.thinkingInstruction;
      prompt = {
        system: options.system ?? task!.instruction,
        ...(thinkingInstruction ? { thinkingInstruction } : {}),
      };
    }
    if (options.out.trim() === '') throw new InputError('--out needs a file name.');
    const result = await exportDataset(session, store, {
      dataset,
      split: options.split,
      strategy: options.strategy,
      format: options.format,
      out: options.out,
      ...(prompt ? { prompt } : {}),
      ...(options.parser !== undefined ? { parser: options.parser } : {}),
      ...(options.model !== undefined ? { model: options.model } : {}),
    });
    if (options.json) io.stdout.write(`${JSON.stringify(result)}\n`);
    else report(result, options.out, io);
  } finally {
    await store.close();
  }
}

export const registerExportCommand: RegisterCommand = (program, { io, session }) => {
  program
    .command('export')
    .description('write a split of a dataset as training JSONL for a fine-tuning backend')
    .argument('<dataset>', 'dataset name or id')
    .option('--split <name>', 'which split', 'train')
    .addOption(
      new Option('--strategy <strategy>', 'final-only: the answer; reasoning: think, then answer')
        .choices(['final-only', 'reasoning'])
        .makeOptionMandatory(),
    )
    .addOption(
      new Option(
        '--format <format>',
        'together (reasoning field), together-preference (DPO), openai (two-message chain of thought), r1 (<think> tags), hf-chat (reasoning_content)',
      )
        .choices([...EXPORT_FORMATS])
        .makeOptionMandatory(),
    )
    .requiredOption('--out <file>', 'the JSONL file to write (replaced only when the export succeeds)')
    .option(
      '--system <text>',
      "system prompt the fine-tune will be called with (default: the task's instruction)",
    )
    .option(
      '--thinking-instruction <text>',
      "thinking instruction the fine-tune will be called with (default: the task's)",
    )
    .option(
      '-p, --parser <id>',
      "r1 format: write reasoning in this parser's inline markers (e.g. magistral: [THINK]…[/THINK]) and call the fine-tune with it",
    )
    .option(
      '-m, --model <id>',
      'r1 format: the student (base) model; its family picks the inline markers, as --parser auto does',
    )
    .option('--json', 'print one JSON object: counts, file, and the frozen prompt, flow and parser')
    .action(async (datasetName: string, options: ExportCommandOptions, command: Command) =>
      exportCommand(await session(command), datasetName, options, io),
    );
};
