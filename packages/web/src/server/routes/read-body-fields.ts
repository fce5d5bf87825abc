import { HttpError } from '../http-error';

/** Typed reads of a JSON request body's fields, answering 400 with the field's name when wrong. */
export function bodyFields(value: unknown) {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new HttpError(400, 'Send a JSON object.');
  }
  const body = value as Record<string, unknown>;
  const present = (key: string) => body[key] !== undefined && body[key] !== null && body[key] !== '';
  return {
    body,
    string(key: string): string | undefined {
      if (!present(key)) return undefined;
      if (typeof body[key] !== 'string') throw new HttpError(400, `${key} must be a string.`);
      return body[key] as string;
    },
    requiredString(key: string): string {
      const value = this.string(key);
      if (value === undefined) throw new HttpError(400, `${key} is required.`);
      return value;
    },
    number(key: string, options: { integer?: boolean; min?: number; max?: number } = {}): number | undefined {
      if (!present(key)) return undefined;
      const n = body[key];
      const min = options.min ?? Number.NEGATIVE_INFINITY;
      const max = options.max ?? Number.POSITIVE_INFINITY;
      if (
        typeof n !== 'number' ||
        !Number.isFinite(n) ||
        n < min ||
        n > max ||
        (options.integer && !Number.isInteger(n))
      ) {
        const range = Number.isFinite(min) || Number.isFinite(max) ? ` from ${min} to ${max}` : '';
        throw new HttpError(
          400,
          `${key} must be ${options.integer ? 'a whole number' : 'a number'}${range}.`,
        );
      }
      return n;
    },
    boolean(key: string): boolean | undefined {
      if (!present(key)) return undefined;
      if (typeof body[key] !== 'boolean') throw new HttpError(400, `${key} must be true or false.`);
      return body[key] as boolean;
    },
    strings(key: string): string[] | undefined {
      if (!present(key)) return undefined;
      const list = body[key];
      if (!Array.isArray(list) || list.some((s) => typeof s !== 'string')) {
        throw new HttpError(400, `${key} must be a list of strings.`);
      }
      return list as string[];
    },
    object(key: string): Record<string, unknown> | undefined {
      if (!present(key)) return undefined;
      const o = body[key];
      if (typeof o !== 'object' || o === null || Array.isArray(o))
        throw new HttpError(400, `${key} must be an object.`);
      return o as Record<string, unknown>;
    },
  };
}
