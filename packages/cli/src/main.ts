import { createContext, openSession, type Session, streamLogger } from '@distillery/runtime';
import { Command, CommanderError } from 'commander';
import cliPackage from '../package.json' with { type: 'json' };
import { builtinPlugins } from './builtin-plugins';
import type { CliIO } from './cli-io';
import { commands } from './commands/index';
import { reportError } from './error-boundary';

function buildProgram(io: CliIO, status: { code: number }): Command {
  const program = new Command();
  const session = async (command: Command): Promise<Session> => {
    const globals = command.optsWithGlobals<{ config?: string; verbose?: boolean }>();
    const ctx = createContext({
      cwd: io.cwd,
      env: io.env,
      logger: streamLogger(io.stderr, { verbose: globals.verbose }),
      ...(io.signal ? { signal: io.signal } : {}),
    });
    return openSession(ctx, {
      ...(globals.config ? { configFile: globals.config } : {}),
      builtins: builtinPlugins,
    });
  };

  program
    .name('distill')
    .description('Distillery: make a small model that thinks before it answers, for your one task.')
    .version(cliPackage.version, '-V, --version', 'print the version')
    .option('-c, --config <file>', 'config file (default: the nearest distill.config.ts)')
    .option('-v, --verbose', 'log more detail to stderr')
    .showHelpAfterError('(run with --help for usage)')
    .configureOutput({ writeOut: (s) => io.stdout.write(s), writeErr: (s) => io.stderr.write(s) })
    .exitOverride();

  for (const register of commands)
    register(program, { io, session, setExitCode: (code) => (status.code = code) });

  return program;
}

/** Runs the CLI with explicit I/O; resolves to the exit code. The one error boundary lives here. */
export async function main(argv: readonly string[], io: CliIO): Promise<number> {
  const status = { code: 0 };
  const program = buildProgram(io, status);
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return status.code;
  } catch (error) {
    if (error instanceof CommanderError) {
      if (
        error.code === 'commander.helpDisplayed' ||
        error.code === 'commander.version' ||
        error.code === 'commander.help'
      ) {
        return 0;
      }
      return error.exitCode === 0 ? 0 : 2;
    }
    return reportError(error, io);
  }
}
