/** Thrown by a format's converter for a record it cannot use; the message is the reason shown. */
export class RecordError extends Error {
  override name = 'RecordError';

  static isInstance(value: unknown): value is RecordError {
    return value instanceof Error && value.name === 'RecordError';
  }
}
