import { isUserErrorNamed, UserError, type UserErrorOptions } from './user-error';

/** A plugin that is missing, has the wrong shape, or declares an unsupported specification version. */
export class PluginError extends UserError {
  override name = 'PluginError';
  readonly pluginId: string | undefined;

  constructor(message: string, options: UserErrorOptions & { pluginId?: string } = {}) {
    super(message, options);
    this.pluginId = options.pluginId;
  }

  static override isInstance(value: unknown): value is PluginError {
    return isUserErrorNamed(value, 'PluginError');
  }
}
