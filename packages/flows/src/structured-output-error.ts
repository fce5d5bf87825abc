import { isUserErrorNamed, UserError } from '@distillery/core';

/** The model's final answer was supposed to be JSON for the task's output schema and is not. */
export class StructuredOutputError extends UserError {
  override name = 'StructuredOutputError';
  readonly content: string;

  constructor(message: string, options: { content: string; cause?: unknown }) {
    super(message, {
      cause: options.cause,
      advice:
        'Use a model that supports structured output, or set structuredOutputMode (json_schema, json_object or tool) in the run config.',
    });
    this.content = options.content;
  }

  static override isInstance(value: unknown): value is StructuredOutputError {
    return isUserErrorNamed(value, 'StructuredOutputError');
  }
}
