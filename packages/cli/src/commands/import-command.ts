import { InputError } from '@distillery/core';
import {
  AUTO_PARSER,
  findTask,
  IMPORT_FORMATS,
  ImportError,
  type ImportFormatId,
  importSamples,
  openProjectStore,
  parserForModel,
  type Session,
} from '@distillery/runtime';
import { type Command, Option } from 'commander';
import { checkPluginFlag } from '../check-plugin-flag';
import type { CliIO } from '../cli-io';
import type { RegisterCommand } from '../command-context';
import { styleFor } from '../style';

export interface ImportCommandOptions {
  task: string;
  format?: ImportFormatId;
  parser?: string;
  model?: string;
  tag?: string[];
  keepCalculatorAnnotations?: boolean;
  dryRun?: boolean;
  json?: boolean;
}

/**
 * The parser named by --parser, or the one --model's family uses (`--parser auto`, or --model
 * alone), chosen from manifests; only that parser is imported.
 */
async function importParser(session: Session, options: ImportCommandOptions) {
  if (options.parser !== undefined && options.parser !== AUTO_PARSER) {
    checkPluginFlag(session.plugins, 'reasoning-parser', options.parser, '--parser', [AUTO_PARSER]);
    return session.plugins.parser(options.parser);
  }
  if (options.model !== undefined) return (await parserForModel(session, options.model)).parser;
  if (options.parser === AUTO_PARSER) {
    throw new InputError('--parser auto needs --model ID: the model that wrote the answers.', {
      advice: 'Add e.g. --model zai-org/GLM-4.6, or name the parser (`distill plugins` lists them).',
    });
  }
  return undefined;
}

/** `distill import FILE`: all or nothing; every bad record is reported as file:line: reason. */
export async function importCommand(
  session: Session,
  file: string,
  options: ImportCommandOptions,
  io: CliIO,
): Promise<void> {
  findTask(session, options.task);
  const parser = await importParser(session, options);
  const store = await openProjectStore(session);
  let result: Awaited<ReturnType<typeof importSamples>>;
  try {
    result = await importSamples(
      { store, cwd: io.cwd, ...(io.signal ? { signal: io.signal } : {}) },
      {
        file,
        taskId: options.task,
        ...(options.format ? { format: options.format } : {}),
        ...(options.tag?.length ? { tags: options.tag } : {}),
        ...(parser ? { parser } : {}),
        ...(options.keepCalculatorAnnotations ? { keepCalculatorAnnotations: true } : {}),
        ...(options.dryRun ? { dryRun: true } : {}),
      },
    );
  } catch (error) {
    if (options.json && ImportError.isInstance(error)) {
      io.stdout.write(`${JSON.stringify({ imported: 0, problems: error.problems })}\n`);
    }
    throw error;
  } finally {
    await store.close();
  }
  if (options.json) {
    io.stdout.write(`${JSON.stringify(result)}\n`);
    return;
  }
  const style = styleFor(io.stdout, io.env);
  const verb = result.dryRun ? 'Would import' : 'Imported';
  io.stdout.write(
    `${style.green(verb)} ${result.imported} of ${result.records} records from ${result.file} (${result.format}) into ${options.task}` +
      `${result.skippedDuplicates ? `; ${result.skippedDuplicates} already stored (skipped)` : ''}.\n`,
  );
  io.stdout.write(
    style.dim(`tags: ${result.tags.join(', ')}${result.dryRun ? ' · dry run: nothing was written' : ''}\n`),
  );
}

const collect = (value: string, previous: string[] = []) => [...previous, value];

export const registerImportCommand: RegisterCommand = (program, { io, session }) => {
  program
    .command('import')
    .description('import samples from JSONL or CSV (all or nothing; duplicates are skipped)')
    .argument('<file>', 'the file to import')
    .requiredOption('--task <id>', 'the task the samples belong to')
    .addOption(
      new Option('--format <format>', 'the file format (default: detected)').choices([...IMPORT_FORMATS]),
    )
    .option('--parser <id>', 'split reasoning written inline in answers, e.g. deepseek-r1, gpt-oss, or auto')
    .option(
      '-m, --model <id>',
      'the model that wrote the answers: its family picks the parser (--parser auto)',
    )
    .option('--tag <tag>', 'tag every imported sample (repeatable)', collect)
    .option('--keep-calculator-annotations', 'GSM8K: keep <<48/2=24>> annotations in the reasoning')
    .option('--dry-run', 'check every record and count, write nothing')
    .option('--json', 'print one JSON result (or {imported: 0, problems} when records are bad)')
    .action(async (file: string, options: ImportCommandOptions, command: Command) =>
      importCommand(await session(command), file, options, io),
    );
};
