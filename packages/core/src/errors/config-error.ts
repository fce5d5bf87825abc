import { isUserErrorNamed, UserError, type UserErrorOptions } from './user-error';

/** A config file that cannot be loaded or does not validate; `location` names the file (and key). */
export class ConfigError extends UserError {
  override name = 'ConfigError';
  readonly file: string | undefined;
  readonly keyPath: string | undefined;

  constructor(message: string, options: UserErrorOptions & { file?: string; keyPath?: string } = {}) {
    super(message, { exitCode: 2, ...options });
    this.file = options.file;
    this.keyPath = options.keyPath;
  }

  static override isInstance(value: unknown): value is ConfigError {
    return isUserErrorNamed(value, 'ConfigError');
  }
}
