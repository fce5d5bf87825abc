import { InputError, isUserErrorNamed, type UserErrorOptions } from '@distillery/core';

/** One bad record of an import file. */
export interface ImportProblem {
  file: string;
  /** 1-based line where the record starts. */
  line: number;
  reason: string;
}

/** How many problems the message lists; `problems` always has all of them. */
export const IMPORT_PROBLEMS_IN_MESSAGE = 10;

export function formatImportProblem(problem: ImportProblem): string {
  return `${problem.file}:${problem.line}: ${problem.reason}`;
}

/**
 * An import that wrote nothing because of bad records. The message lists the first few as
 * `file:line: reason`; `problems` holds every one, in file order.
 */
export class ImportError extends InputError {
  override name = 'ImportError';
  readonly problems: readonly ImportProblem[];

  constructor(file: string, problems: readonly ImportProblem[], options: UserErrorOptions = {}) {
    const shown = problems.slice(0, IMPORT_PROBLEMS_IN_MESSAGE).map((p) => `  ${formatImportProblem(p)}`);
    const more = problems.length - shown.length;
    super(
      [
        `${file}: ${problems.length} bad ${problems.length === 1 ? 'record' : 'records'}; nothing was imported.`,
        ...shown,
        ...(more > 0 ? [`  ... and ${more} more`] : []),
      ].join('\n'),
      {
        advice: 'Fix the records listed and import again (nothing is written until the whole file is valid).',
        ...(problems[0] ? { location: `${problems[0].file}:${problems[0].line}` } : {}),
        ...options,
      },
    );
    this.problems = problems;
  }

  static override isInstance(value: unknown): value is ImportError {
    return isUserErrorNamed(value, 'ImportError');
  }
}
