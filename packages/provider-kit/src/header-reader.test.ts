import { describe, expect, it } from 'vitest';
import { headerReader } from './header-reader';

describe('headerReader', () => {
  it('reads Headers and anything with a get method, strings only', () => {
    expect(headerReader(new Headers({ 'retry-after': '2' }))?.get('retry-after')).toBe('2');
    const map = new Map<string, unknown>([
      ['retry-after', '3'],
      ['x-odd', 7],
    ]);
    expect(headerReader({ get: (name: string) => map.get(name) })?.get('retry-after')).toBe('3');
    expect(headerReader({ get: (name: string) => map.get(name) })?.get('x-odd')).toBeNull();
  });

  it('is undefined for values that cannot be read as headers', () => {
    expect(headerReader(undefined)).toBeUndefined();
    expect(headerReader({ 'retry-after': '2' })).toBeUndefined();
    expect(headerReader({ get: 'retry-after' })).toBeUndefined();
  });
});
