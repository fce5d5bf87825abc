import { PyFloat } from './py-float';

/** Python's type name for a parsed JSON value: `str`, `int`, `float`, `bool`, `NoneType`, `list`, `dict`. */
export function pythonTypeName(value: unknown): string {
  if (typeof value === 'string') return 'str';
  if (typeof value === 'boolean') return 'bool';
  if (typeof value === 'number') return Number.isInteger(value) ? 'int' : 'float';
  if (value instanceof PyFloat) return 'float';
  if (value === null) return 'NoneType';
  if (Array.isArray(value)) return 'list';
  return 'dict';
}

/** What Python's `str(type(value))` prints, e.g. `<class 'NoneType'>`. */
export function pythonClass(value: unknown): string {
  return `<class '${pythonTypeName(value)}'>`;
}

function reprString(text: string): string {
  const quote = text.includes("'") && !text.includes('"') ? '"' : "'";
  let out = quote;
  for (const ch of text) {
    const code = ch.codePointAt(0) ?? 0;
    if (ch === '\\') out += '\\\\';
    else if (ch === quote) out += `\\${quote}`;
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (code < 0x20 || code === 0x7f) out += `\\x${code.toString(16).padStart(2, '0')}`;
    else out += ch;
  }
  return out + quote;
}

function reprFloat(value: number): string {
  if (Number.isNaN(value)) return 'nan';
  if (value === Number.POSITIVE_INFINITY) return 'inf';
  if (value === Number.NEGATIVE_INFINITY) return '-inf';
  return Number.isInteger(value) && Math.abs(value) < 1e16 ? `${value}.0` : String(value);
}

/** Python's `repr()` of a parsed JSON value (close enough for error messages). */
export function pythonRepr(value: unknown, budget = 200): string {
  const out = reprValue(value);
  return out.length > budget ? `${out.slice(0, budget)}...` : out;
}

function reprValue(value: unknown): string {
  if (typeof value === 'string') return reprString(value);
  if (typeof value === 'boolean') return value ? 'True' : 'False';
  if (typeof value === 'number') return Number.isInteger(value) ? String(value) : reprFloat(value);
  if (value instanceof PyFloat) return reprFloat(value.value);
  if (value === null || value === undefined) return 'None';
  if (Array.isArray(value)) return `[${value.map(reprValue).join(', ')}]`;
  const entries = Object.entries(value as Record<string, unknown>);
  return `{${entries.map(([k, v]) => `${reprString(k)}: ${reprValue(v)}`).join(', ')}}`;
}

/** Python's `str()` of a value: strings as they are, anything else as `repr()`. */
export function pythonStr(value: unknown): string {
  return typeof value === 'string' ? value : pythonRepr(value);
}

/** Python's `dict.keys()` repr, e.g. `dict_keys(['a', 'b'])`. */
export function pythonDictKeys(value: Record<string, unknown>): string {
  return `dict_keys([${Object.keys(value).map(reprString).join(', ')}])`;
}
