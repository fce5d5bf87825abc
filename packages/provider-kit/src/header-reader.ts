import type { HeaderReader } from '@distillery/core/contracts';
import { isRecord } from './is-record';

/**
 * The headers of a thrown SDK error or a fetch response, read by narrowing: anything with a
 * `get(name)` method (a `Headers`), answering strings only; undefined otherwise.
 */
export function headerReader(value: unknown): HeaderReader | undefined {
  if (value instanceof Headers) return value;
  if (!isRecord(value)) return undefined;
  const get = value.get;
  if (typeof get !== 'function') return undefined;
  return {
    get(name: string): string | null {
      const found: unknown = Reflect.apply(get, value, [name]);
      return typeof found === 'string' ? found : null;
    },
  };
}
