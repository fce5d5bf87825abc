import { isUserErrorNamed, UserError, type UserErrorOptions } from '@distillery/core';

/** A request of a batch that came back without an answer (errored, expired, cancelled, missing). */
export class BatchRequestError extends UserError {
  override name = 'BatchRequestError';
  readonly type: string;
  readonly code: string | undefined;
  readonly status: number | undefined;

  constructor(
    message: string,
    options: UserErrorOptions & { type: string; code?: string | undefined; status?: number | undefined },
  ) {
    super(message, options);
    this.type = options.type;
    this.code = options.code;
    this.status = options.status;
  }

  static override isInstance(value: unknown): value is BatchRequestError {
    return isUserErrorNamed(value, 'BatchRequestError');
  }
}
