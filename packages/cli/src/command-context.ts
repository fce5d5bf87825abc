import type { Session } from '@distillery/runtime';
import type { Command } from 'commander';
import type { CliIO } from './cli-io';

/** What every command's registration gets: the I/O and a way to open the session lazily. */
export interface CommandContext {
  io: CliIO;
  /** Loads the config and plugins (global --config honoured) for the command being run. */
  session(command: Command): Promise<Session>;
  /** Ends the command with this exit code once it returns (for verdicts such as a failed check). */
  setExitCode(code: number): void;
}

/** One file per command: each exports a `register…` function listed in commands/index.ts. */
export type RegisterCommand = (program: Command, context: CommandContext) => void;
