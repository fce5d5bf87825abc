/**
 * The name of the class a thrown value was made by (`APIConnectionTimeoutError`), read by
 * narrowing rather than casting; an empty string for primitives, null-prototype objects, or a
 * `constructor` that is not a named function.
 */
export function constructorName(value: unknown): string {
  if ((typeof value !== 'object' && typeof value !== 'function') || value === null) return '';
  if (!('constructor' in value)) return '';
  const ctor: unknown = value.constructor;
  if (typeof ctor !== 'function') return '';
  return typeof ctor.name === 'string' ? ctor.name : '';
}
