import { InputError } from '@distillery/core/contracts';
import { Command, type ErrorOptions } from 'commander';
import { suggestSimilar } from './suggest-similar';

/** `distill samples list`: the command's full name as typed. */
function fullName(command: Command): string {
  const names: string[] = [];
  for (let c: Command | null = command; c; c = c.parent) names.unshift(c.name());
  return names.join(' ');
}

function helpAdvice(command: Command): string {
  return `Run \`${fullName(command)} --help\` to see what it takes.`;
}

/** Long flags a command accepts, its ancestors' (global) flags included. */
function knownFlags(command: Command): string[] {
  const flags: string[] = ['--help'];
  for (let c: Command | null = command; c; c = c.parent) {
    for (const option of c.options) if (option.long && !option.hidden) flags.push(option.long);
  }
  return flags;
}

/** An argument that is an option for commander: `-x`, `--name`, `--name=value` (a lone `-` is stdin). */
const isOptionLike = (arg: string) => arg.length > 1 && arg.startsWith('-');

/**
 * The shared flag layer of every `distill` command. Commander's usage errors (an unknown or
 * misspelt flag or command, a missing argument, a bad choice) become one InputError for the error
 * boundary, which is the only place that prints errors; an unknown flag is named with the closest
 * known one (`unknown option --taks; did you mean --task?`), and it is reported before a missing
 * required flag, since the missing one is usually the one misspelt.
 */
export class DistillCommand extends Command {
  override createCommand(name?: string): DistillCommand {
    return new DistillCommand(name);
  }

  override error(message: string, _options?: ErrorOptions): never {
    throw new InputError(`${message.replace(/^error:\s*/, '').replace(/\.$/, '')}.`, {
      advice: helpAdvice(this),
    });
  }

  /** Commander calls this (by name) for a flag the command does not take. */
  unknownOption(flag: string): never {
    const name = flag.split('=')[0]!;
    const suggestion = name.startsWith('--') ? suggestSimilar(name, knownFlags(this)) : undefined;
    throw new InputError(
      `unknown option ${name}${suggestion ? `; did you mean ${suggestion}?` : ` for \`${fullName(this)}\`.`}`,
      { advice: helpAdvice(this) },
    );
  }

  /** Commander calls this (by name) for a word that names no subcommand. */
  unknownCommand(): never {
    const word = this.args[0] ?? '';
    const names = this.commands.flatMap((c) => [c.name(), ...c.aliases()]);
    const suggestion = suggestSimilar(word, names);
    throw new InputError(
      `unknown command "${word}"${suggestion ? `; did you mean ${fullName(this)} ${suggestion}?` : ` for \`${fullName(this)}\`.`}`,
      { advice: helpAdvice(this) },
    );
  }

  /** Commander checks required flags before unknown ones; a misspelt `--taks` must win over "--task missing". */
  _checkForMissingMandatoryOptions(): void {
    const unknown = this.commands.length === 0 ? this.args.find(isOptionLike) : undefined;
    if (unknown !== undefined) this.unknownOption(unknown);
    const base = Command.prototype as Command & { _checkForMissingMandatoryOptions(this: Command): void };
    base._checkForMissingMandatoryOptions.call(this);
  }
}
