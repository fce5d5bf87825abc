import { isUserErrorNamed, UserError, type UserErrorOptions } from '@distillery/core';

export type StoreErrorCode =
  | 'invalid-sample'
  | 'duplicate-id'
  | 'invalid-query'
  | 'newer-schema'
  | 'invalid-record'
  | 'open-failed'
  | 'closed';

/**
 * A problem with the project store: a sample that does not match the schema, a duplicate id, a
 * bad filter or cursor, or a database written by a newer Distillery. `code` says which.
 */
export class StoreError extends UserError {
  override name = 'StoreError';
  readonly code: StoreErrorCode;

  constructor(message: string, options: UserErrorOptions & { code: StoreErrorCode }) {
    super(message, options);
    this.code = options.code;
  }

  static override isInstance(value: unknown): value is StoreError {
    return isUserErrorNamed(value, 'StoreError');
  }
}
