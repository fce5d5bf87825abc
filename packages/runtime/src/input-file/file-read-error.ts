import { InputError } from '@distillery/core/contracts';

const DEFAULT_ADVICE = 'Check the path (relative paths start from the current folder).';

/**
 * One plain sentence for a file that cannot be opened or read, instead of the system's code
 * (`ENOENT`, `EISDIR`, `EACCES`): missing, a folder, not readable, or the system's own words.
 */
export function fileReadError(error: unknown, shownAs: string, advice = DEFAULT_ADVICE): InputError {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  const options = { location: shownAs, cause: error };
  switch (code) {
    case 'ENOENT':
      return new InputError(`File not found: ${shownAs}.`, { ...options, advice });
    case 'ENOTDIR':
      return new InputError(`File not found: ${shownAs} (a folder on its path is a file).`, {
        ...options,
        advice,
      });
    case 'EISDIR':
      return new InputError(`${shownAs} is a folder, not a file.`, {
        ...options,
        advice: 'Give the path of a file inside it.',
      });
    case 'EACCES':
    case 'EPERM':
      return new InputError(`${shownAs} cannot be read: permission denied.`, {
        ...options,
        advice: 'Make it readable (e.g. chmod u+r), or copy it somewhere you can read.',
      });
    default: {
      const said = error instanceof Error ? error.message.replace(/^[A-Z_]+: /, '').replace(/,.*$/, '') : '';
      return new InputError(`${shownAs} cannot be read${said ? ` (${said})` : ''}.`, { ...options, advice });
    }
  }
}
