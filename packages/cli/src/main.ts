import type { Session } from '@distillery/runtime';
import { type Command, CommanderError } from 'commander';
import cliPackage from '../package.json' with { type: 'json' };
import { builtinPlugins } from './builtin-plugins';
import type { CliIO } from './cli-io';
import type { CommandContext } from './command-context';
import { type CommandEntry, commands, findCommand } from './commands/index';
import { DistillCommand } from './distill-command';
import { reportError } from './error-boundary';
import { rememberSecrets } from './redact-secrets';

/** Global options that take a value, so the command name is not mistaken for it. */
const VALUE_OPTIONS = new Set(['-c', '--config']);

/** The command the arguments name (`help <command>` names it too), if any. */
function requestedCommand(argv: readonly string[]): CommandEntry | undefined {
  const words: string[] = [];
  for (let i = 0; i < argv.length && words.length < 2; i++) {
    const arg = argv[i]!;
    if (VALUE_OPTIONS.has(arg)) i++;
    else if (!arg.startsWith('-')) words.push(arg);
  }
  const [first, second] = words;
  if (first === 'help' && second) return findCommand(second);
  return first ? findCommand(first) : undefined;
}

/**
 * Builds the program with only what this run needs: the command the arguments name, imported
 * with its module; otherwise (help, version, an unknown command) light stubs made from the
 * command table, so `distill --help` imports no command module, SDK or runtime.
 */
async function buildProgram(argv: readonly string[], io: CliIO, status: { code: number }): Promise<Command> {
  const program = new DistillCommand();
  const session = async (command: Command): Promise<Session> => {
    const globals = command.optsWithGlobals<{ config?: string; verbose?: boolean }>();
    const { createContext, openSession, providerKeySecrets, streamLogger } = await import(
      '@distillery/runtime/session'
    );
    const ctx = createContext({
      cwd: io.cwd,
      env: io.env,
      logger: streamLogger(io.stderr, { verbose: globals.verbose }),
      ...(io.signal ? { signal: io.signal } : {}),
    });
    const opened = await openSession(ctx, {
      ...(globals.config ? { configFile: globals.config } : {}),
      builtins: builtinPlugins,
    });
    rememberSecrets(io, providerKeySecrets(opened.config.config, io.env));
    return opened;
  };

  program
    .name('distill')
    .description('Distillery: make a small model that thinks before it answers, for your one task.')
    .version(cliPackage.version, '-V, --version', 'print the version')
    .option('-c, --config <file>', 'config file (default: the nearest distill.config.ts)')
    .option('-v, --verbose', 'log more detail to stderr')
    .configureOutput({ writeOut: (s) => io.stdout.write(s), writeErr: (s) => io.stderr.write(s) })
    .exitOverride();

  const context: CommandContext = { io, session, setExitCode: (code) => (status.code = code) };
  const wanted = requestedCommand(argv);
  if (wanted) {
    (await wanted.load())(program, context);
  } else {
    const terms = new Map<string, string>();
    for (const entry of commands) {
      program.command(entry.name).description(entry.summary);
      terms.set(entry.name, entry.term);
    }
    program.configureHelp({ subcommandTerm: (cmd) => terms.get(cmd.name()) ?? cmd.name() });
  }
  return program;
}

/** Runs the CLI with explicit I/O; resolves to the exit code. The one error boundary lives here. */
export async function main(argv: readonly string[], io: CliIO): Promise<number> {
  const status = { code: 0 };
  try {
    const program = await buildProgram(argv, io, status);
    await program.parseAsync([...argv], { from: 'user' });
    return status.code;
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version') return 0;
      // Help shown because a command was left out (`distill dataset`): the command did not run.
      if (error.code === 'commander.help') return error.exitCode === 0 ? 0 : 2;
      return error.exitCode === 0 ? 0 : 2;
    }
    return reportError(error, io);
  }
}
