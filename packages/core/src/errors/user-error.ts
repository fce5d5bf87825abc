import { DistilleryError, isDistilleryErrorNamed } from './distillery-error';

export interface UserErrorOptions {
  /** What the user should do about it, one sentence. */
  advice?: string;
  /** Process exit code the CLI ends with. Defaults to 1. */
  exitCode?: number;
  /** Where the problem is, e.g. `distill.config.ts:12` or `data.jsonl:3`. */
  location?: string;
  cause?: unknown;
}

/**
 * An error caused by input the user can fix (a flag, a file, a config key, a key or model name).
 * The CLI prints it as one clear line plus advice, never as a stack trace.
 */
export class UserError extends DistilleryError {
  override name = 'UserError';
  readonly advice: string | undefined;
  readonly exitCode: number;
  readonly location: string | undefined;

  constructor(message: string, options: UserErrorOptions = {}) {
    super(message, { cause: options.cause });
    this.advice = options.advice;
    this.exitCode = options.exitCode ?? 1;
    this.location = options.location;
  }

  static override isInstance(value: unknown): value is UserError {
    return (
      DistilleryError.isInstance(value) &&
      typeof (value as UserError).exitCode === 'number' &&
      'advice' in (value as object)
    );
  }
}

export function isUserErrorNamed(value: unknown, name: string): value is UserError {
  return isDistilleryErrorNamed(value, name) && UserError.isInstance(value);
}
