import { describe, expect, it } from 'vitest';
import { NOT_JSON, needsFloatWeightPass, parseJsonLine } from './parse-json-line';
import { PyFloat } from './py-float';

describe('parseJsonLine', () => {
  it('accepts NaN and ±Infinity outside strings like Python json, only with Python quirks on', () => {
    expect(parseJsonLine('{"a": NaN, "b": [-Infinity, Infinity]}', true)).toEqual({
      a: Number.POSITIVE_INFINITY,
      b: [Number.NEGATIVE_INFINITY, Number.POSITIVE_INFINITY],
    });
    expect(parseJsonLine('{"a": NaN}', false)).toBe(NOT_JSON);
    expect(parseJsonLine('{"a": "NaN"}', true)).toEqual({ a: 'NaN' });
  });

  it('rejects what Python rejects', () => {
    for (const text of [
      '{"a": nan}',
      '{"a": -NaN}',
      '[NaN1]',
      '{"a": +Infinity}',
      '',
      '\ufeff{}',
      '{"a": 1}x',
    ]) {
      expect(parseJsonLine(text, true)).toBe(NOT_JSON);
    }
  });

  it('marks weights written as float literals, and asks for that pass only when needed', () => {
    const text = '{"messages": [{"weight": 1.0}, {"weight": 1}, {"weight": 1E0}]}';
    expect(needsFloatWeightPass(parseJsonLine(text, true) as Record<string, unknown>, text)).toBe(true);
    const ints = '{"messages": [{"weight": 1}], "x": "weight: 1.0"}';
    expect(needsFloatWeightPass(parseJsonLine(ints, true) as Record<string, unknown>, ints)).toBe(false);
    const value = parseJsonLine(text, true, true) as {
      messages: Array<{ weight: unknown }>;
    };
    expect(value.messages[0]?.weight).toBeInstanceOf(PyFloat);
    expect(value.messages[1]?.weight).toBe(1);
    expect(value.messages[2]?.weight).toBeInstanceOf(PyFloat);
  });
});
