const MARKER = Symbol.for('distillery.error');

export interface DistilleryErrorOptions {
  cause?: unknown;
}

/**
 * Base of every Distillery error. `isInstance` works across copies of this package (two versions
 * installed side by side, or a plugin bundling its own), where `instanceof` would not.
 */
export class DistilleryError extends Error {
  readonly [MARKER] = true;
  override name = 'DistilleryError';

  constructor(message: string, options: DistilleryErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
  }

  static isInstance(value: unknown): value is DistilleryError {
    return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[MARKER] === true;
  }
}

/** Checks the marker and the stable `name`, so a subclass check survives duplicated packages too. */
export function isDistilleryErrorNamed(value: unknown, name: string): boolean {
  return DistilleryError.isInstance(value) && value.name === name;
}
