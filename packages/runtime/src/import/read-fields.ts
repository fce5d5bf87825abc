import { RecordError } from './record-error';

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : typeof value;
}

/** A required string field; `nonEmpty` also rejects whitespace-only text. */
export function requireString(
  record: Record<string, unknown>,
  key: string,
  where = '',
  nonEmpty = true,
): string {
  const value = record[key];
  const name = `${where}"${key}"`;
  if (value === undefined) throw new RecordError(`missing ${name}`);
  if (typeof value !== 'string') throw new RecordError(`${name} must be a string, not ${describe(value)}`);
  if (nonEmpty && value.trim() === '') throw new RecordError(`${name} is empty`);
  return value;
}

/** An optional string field (null counts as absent). */
export function optionalString(record: Record<string, unknown>, key: string, where = ''): string | undefined {
  const value = record[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string')
    throw new RecordError(`${where}"${key}" must be a string, not ${describe(value)}`);
  return value;
}

export function requireObject(value: unknown, name: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new RecordError(`${name} must be an object, not ${describe(value)}`);
  }
  return value as Record<string, unknown>;
}

export function requireArray(value: unknown, name: string): unknown[] {
  if (value === undefined) throw new RecordError(`missing ${name}`);
  if (!Array.isArray(value)) throw new RecordError(`${name} must be an array, not ${describe(value)}`);
  return value;
}
