/** Narrows wire data (parsed JSON, an SDK's unchecked response) to an object whose fields can be read. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The value as a record when it is one, else an empty record (for reading optional fields). */
export function asRecord(value: unknown): Record<string, unknown> {
  return isRecord(value) ? value : {};
}
