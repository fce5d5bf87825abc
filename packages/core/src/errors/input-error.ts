import { isUserErrorNamed, UserError, type UserErrorOptions } from './user-error';

/** Input data (a file, a line, a flag value) that cannot be read; `location` is `file:line`. */
export class InputError extends UserError {
  override name = 'InputError';

  constructor(message: string, options: UserErrorOptions = {}) {
    super(message, { exitCode: 2, ...options });
  }

  static override isInstance(value: unknown): value is InputError {
    return isUserErrorNamed(value, 'InputError');
  }
}
