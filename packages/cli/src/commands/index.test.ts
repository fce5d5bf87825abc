import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import type { CommandContext } from '../command-context';
import { commands } from './index';

const context: CommandContext = {
  io: { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin, env: {}, cwd: process.cwd() },
  session: () => Promise.reject(new Error('not used')),
  setExitCode: () => {},
};

describe('the command table', () => {
  it('says what each command module registers: name, help term, description', async () => {
    const program = new Command();
    for (const load of new Set(commands.map((c) => c.load))) (await load())(program, context);
    const help = program.createHelp();
    const registered = program.commands.map((cmd) => ({
      name: cmd.name(),
      term: help.subcommandTerm(cmd),
      summary: cmd.description(),
    }));
    expect(registered.sort((a, b) => a.name.localeCompare(b.name))).toEqual(
      commands
        .map(({ name, term, summary }) => ({ name, term, summary }))
        .sort((a, b) => a.name.localeCompare(b.name)),
    );
  });
});
