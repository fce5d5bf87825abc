import { PyFloat } from './py-float';

/** Sentinel meaning "this line is not JSON". */
export const NOT_JSON: unique symbol = Symbol('not-json');

const FLOAT_WEIGHT = /"weight"\s*:\s*-?\d+(?:\.|[eE])/;
const FLOAT_SOURCE = /[.eE]/;

function floatWeightReviver(this: unknown, key: string, value: unknown, context?: { source?: string }) {
  if (key === 'weight' && typeof value === 'number' && context?.source && FLOAT_SOURCE.test(context.source)) {
    return new PyFloat(value);
  }
  return value;
}

/**
 * Replaces the non-standard tokens Python's `json` accepts (`NaN`, `Infinity`, `-Infinity`) outside
 * strings with `1e999` (which JSON.parse reads as an infinite float), padded with spaces so that a
 * token glued to another one stays a syntax error. Returns null when there is nothing to replace.
 */
function replacePythonConstants(text: string): string | null {
  let out = '';
  let last = 0;
  let inString = false;
  let changed = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++;
      else if (c === 0x22) inString = false;
      continue;
    }
    if (c === 0x22) {
      inString = true;
    } else if (c === 0x4e && text.startsWith('NaN', i)) {
      out += `${text.slice(last, i)} 1e999 `;
      i += 2;
      last = i + 1;
      changed = true;
    } else if (c === 0x49 && text.startsWith('Infinity', i)) {
      const negative = i > 0 && text.charCodeAt(i - 1) === 0x2d;
      out += `${text.slice(last, negative ? i - 1 : i)} ${negative ? '-' : ''}1e999 `;
      i += 7;
      last = i + 1;
      changed = true;
    }
  }
  return changed ? out + text.slice(last) : null;
}

function parse(text: string, reviver: boolean): unknown {
  return reviver ? JSON.parse(text, floatWeightReviver) : JSON.parse(text);
}

function hasNumericWeight(messages: unknown): boolean {
  if (!Array.isArray(messages)) return false;
  for (const message of messages) {
    if (typeof message === 'object' && message !== null && typeof message.weight === 'number') return true;
  }
  return false;
}

/**
 * Whether a parsed line must be parsed again to tell float weights (`1.0`) from integer ones: only
 * when a message carries a numeric weight and the text has a float-looking weight literal. This
 * keeps the common case to a single JSON.parse with no scan of the line.
 */
export function needsFloatWeightPass(value: Record<string, unknown>, text: string): boolean {
  const input = value.input;
  const nested =
    typeof input === 'object' && input !== null ? (input as Record<string, unknown>).messages : undefined;
  return (hasNumericWeight(value.messages) || hasNumericWeight(nested)) && FLOAT_WEIGHT.test(text);
}

/**
 * Parses one line the way Python's `json.loads` would: standard JSON plus `NaN`, `Infinity` and
 * `-Infinity` (when `pythonQuirks`). With `reviver`, weights written as float literals come back as
 * {@link PyFloat} (see {@link needsFloatWeightPass}).
 */
export function parseJsonLine(text: string, pythonQuirks: boolean, reviver = false): unknown {
  try {
    return parse(text, reviver);
  } catch {
    if (!pythonQuirks) return NOT_JSON;
    const replaced = replacePythonConstants(text);
    if (replaced === null) return NOT_JSON;
    try {
      return parse(replaced, true);
    } catch {
      return NOT_JSON;
    }
  }
}
