import { describe, expect, it } from 'vitest';
import { constructorName } from './constructor-name';

class APIConnectionTimeoutError extends Error {}

describe('constructorName', () => {
  it('names the class of an error', () => {
    expect(constructorName(new APIConnectionTimeoutError('timed out'))).toBe('APIConnectionTimeoutError');
    expect(constructorName(new TypeError('x'))).toBe('TypeError');
  });

  it('is empty for values without a named class', () => {
    expect(constructorName(null)).toBe('');
    expect(constructorName(undefined)).toBe('');
    expect(constructorName('text')).toBe('');
    expect(constructorName(Object.create(null))).toBe('');
    // A `constructor` field from the wire is data, not a class: a string or a record with a name.
    expect(constructorName({ constructor: 'APIConnectionError' })).toBe('');
    expect(constructorName({ constructor: { name: 'APIConnectionError' } })).toBe('');
  });
});
