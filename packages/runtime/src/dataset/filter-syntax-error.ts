import { InputError, isUserErrorNamed, type UserErrorOptions } from '@distillery/core';

/** A filter expression that does not parse; `column` (1-based) points at the offending token. */
export class FilterSyntaxError extends InputError {
  override name = 'FilterSyntaxError';
  readonly expression: string;
  readonly column: number;

  constructor(
    reason: string,
    options: UserErrorOptions & { expression: string; column: number; label?: string },
  ) {
    const caret = `${' '.repeat(options.column - 1)}^`;
    super(
      `Cannot parse the filter at column ${options.column}: ${reason}\n  ${options.expression}\n  ${caret}`,
      {
        location: `${options.label ?? 'filter'}, column ${options.column}`,
        advice:
          options.advice ??
          'Combine conditions with "and": has-reasoning, tag:NAME, not tag:NAME, rating>=N, source=synthetic|human|import, model=NAME, text:"WORDS".',
        ...(options.cause === undefined ? {} : { cause: options.cause }),
      },
    );
    this.expression = options.expression;
    this.column = options.column;
  }

  static override isInstance(value: unknown): value is FilterSyntaxError {
    return isUserErrorNamed(value, 'FilterSyntaxError');
  }
}
