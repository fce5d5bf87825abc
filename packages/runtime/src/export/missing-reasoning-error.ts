import { isUserErrorNamed, UserError, type UserErrorOptions } from '@distillery/core';

/** A reasoning-strategy export over samples that have no reasoning; `sampleIds` lists them all. */
export class MissingReasoningError extends UserError {
  override name = 'MissingReasoningError';
  readonly sampleIds: readonly string[];

  constructor(message: string, options: UserErrorOptions & { sampleIds: readonly string[] }) {
    super(message, { exitCode: 2, ...options });
    this.sampleIds = options.sampleIds;
  }

  static override isInstance(value: unknown): value is MissingReasoningError {
    return isUserErrorNamed(value, 'MissingReasoningError');
  }
}
