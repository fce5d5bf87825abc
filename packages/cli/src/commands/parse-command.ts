import {
  InputError,
  type ParsedReasoning,
  parseReasoning,
  type ReasoningParseOptions,
  type ReasoningParserPlugin,
} from '@distillery/core/contracts';
import type { Session } from '@distillery/runtime';
import { type Command, Option } from 'commander';
import { checkPluginFlag } from '../check-plugin-flag';
import type { CliIO } from '../cli-io';
import type { RegisterCommand } from '../command-context';
import { readText } from '../read-text';
import { styleFor } from '../style';

export interface ParseCommandOptions {
  /** A parser id, or `auto` (the default) to pick it from `--model`. */
  parser?: string;
  model?: string;
  finishReason?: 'stop' | 'length';
  thinking?: 'on' | 'off';
  promptTail?: string;
  chunks?: string;
  trim?: boolean;
  json?: boolean;
}

async function readChunks(file: string, io: CliIO): Promise<string[]> {
  const text = await readText(file, io);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new InputError(`--chunks file ${file} is not valid JSON: ${(error as Error).message}.`, {
      location: file,
      advice: 'Give a JSON array of strings, e.g. ["<think>a", "b</think>", "answer"].',
      cause: error,
    });
  }
  if (!Array.isArray(value)) {
    throw new InputError(`--chunks file ${file} must hold a JSON array of strings, not ${typeof value}.`, {
      location: file,
      advice: 'Give a JSON array of strings, e.g. ["<think>a", "b</think>", "answer"].',
    });
  }
  const bad = value.findIndex((chunk) => typeof chunk !== 'string');
  if (bad !== -1) {
    throw new InputError(
      `--chunks file ${file}: element ${bad} is ${JSON.stringify(value[bad])}, not a string.`,
      {
        location: file,
        advice: 'Every element of the array must be a string.',
      },
    );
  }
  return value as string[];
}

export function printParsed(result: ParsedReasoning, io: CliIO): void {
  const style = styleFor(io.stdout, io.env);
  const out = (text: string) => io.stdout.write(text);
  if (result.hasReasoning) {
    out(
      `${style.bold(style.cyan('Reasoning'))}${result.truncated ? style.yellow(' (cut off: the output ended while still thinking)') : ''}\n`,
    );
    out(`${style.dim(result.reasoning)}\n\n`);
  } else {
    out(`${style.dim('(no reasoning found)')}\n\n`);
  }
  out(`${style.bold(style.green('Answer'))}\n`);
  out(result.content.length > 0 ? `${result.content}\n` : `${style.dim('(empty)')}\n`);
}

/** The id that asks for the parser to be picked from --model. */
const AUTO_PARSER = 'auto';

/**
 * The parser named by --parser, or the one `auto` picks for --model (with why): chosen from the
 * plugins' manifests, and only that parser is imported.
 */
async function chooseParser(
  session: Session,
  options: ParseCommandOptions,
): Promise<{ parser: ReasoningParserPlugin; reason?: string }> {
  if (options.parser !== undefined && options.parser !== AUTO_PARSER) {
    checkPluginFlag(session.plugins, 'reasoning-parser', options.parser, '--parser', [AUTO_PARSER]);
    return { parser: await session.plugins.parser(options.parser) };
  }
  if (options.model === undefined) {
    throw new InputError('distill parse needs --parser ID, or --model ID to pick the parser from.', {
      advice:
        'Name the parser (e.g. --parser deepseek-r1; `distill plugins` lists them) or the model that wrote the text (e.g. --model openai/gpt-oss-120b).',
    });
  }
  const { parserForModel } = await import('@distillery/runtime/session');
  return parserForModel(session, options.model);
}

/** `distill parse`: split raw model output into reasoning and answer with a parser plugin. */
export async function parseCommand(
  session: Session,
  file: string | undefined,
  options: ParseCommandOptions,
  io: CliIO,
): Promise<void> {
  const choice = await chooseParser(session, options);
  const parser = choice.parser;
  if (options.chunks && file) {
    throw new InputError('Give either a FILE or --chunks, not both.', {
      advice: 'Use `distill parse FILE` for whole text or `distill parse --chunks CHUNKS.json` for a stream.',
    });
  }
  const parseOptions: ReasoningParseOptions = {
    ...(options.thinking ? { thinking: options.thinking === 'on' } : {}),
    ...(options.promptTail !== undefined ? { promptTail: options.promptTail } : {}),
    ...(options.trim ? { trim: true } : {}),
    ...(options.finishReason ? { finishReason: options.finishReason } : {}),
  };
  const input = options.chunks ? await readChunks(options.chunks, io) : await readText(file ?? '-', io);
  const result = parseReasoning(parser, input, parseOptions);
  if (options.json) {
    const picked = choice.reason === undefined ? {} : { parser: parser.id };
    io.stdout.write(
      `${JSON.stringify({ reasoning: result.reasoning, content: result.content, truncated: result.truncated, ...picked })}\n`,
    );
    return;
  }
  if (choice.reason !== undefined) {
    const style = styleFor(io.stdout, io.env);
    io.stdout.write(`${style.dim(`Parser: ${parser.id} (${choice.reason})`)}\n\n`);
  }
  printParsed(result, io);
}

export const registerParseCommand: RegisterCommand = (program, { io, session }) => {
  program
    .command('parse')
    .description('split raw model output into reasoning and answer')
    .argument('[file]', 'file with the raw output, or - for standard input (default)')
    .option(
      '-p, --parser <id>',
      'parser id, e.g. deepseek-r1, gpt-oss, glm45 (see `distill plugins`), or auto to pick it from --model',
      AUTO_PARSER,
    )
    .option(
      '-m, --model <id>',
      'the model that wrote the text; --parser auto picks its family (e.g. zai-org/GLM-4.6)',
    )
    .addOption(
      new Option(
        '--finish-reason <reason>',
        'how the output ended: stop (an unclosed block the template opened is the answer) or length (truncated reasoning)',
      ).choices(['stop', 'length']),
    )
    .addOption(
      new Option(
        '--thinking <mode>',
        'whether thinking was on; off: only a leading start tag counts',
      ).choices(['on', 'off']),
    )
    .option('--prompt-tail <text>', 'end of the rendered prompt; its last tag decides the starting state')
    .option('--chunks <file>', 'JSON array of strings fed to the parser as stream chunks')
    .option('--trim', 'strip whitespace around the reasoning and the answer')
    .option('--json', 'print {"reasoning", "content", "truncated"}')
    .action(async (file: string | undefined, options: ParseCommandOptions, command: Command) =>
      parseCommand(await session(command), file, options, io),
    );
};
