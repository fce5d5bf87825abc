/** An error a route throws to answer with a given HTTP status and a message for the user. */
export class HttpError extends Error {
  override name = 'HttpError';
  readonly status: number;
  readonly advice: string | undefined;

  constructor(status: number, message: string, options: { advice?: string } = {}) {
    super(message);
    this.status = status;
    this.advice = options.advice;
  }

  static isInstance(value: unknown): value is HttpError {
    return (
      value instanceof Error && value.name === 'HttpError' && typeof (value as HttpError).status === 'number'
    );
  }
}
