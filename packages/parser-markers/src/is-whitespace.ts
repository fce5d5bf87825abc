/**
 * True for the UTF-16 code units `String.prototype.trim` removes: ASCII whitespace, NBSP, the
 * Unicode space separators, line and paragraph separators and the BOM.
 */
export function isWhitespace(code: number): boolean {
  if (code <= 32) return code === 32 || (code >= 9 && code <= 13);
  if (code < 160) return false;
  return (
    code === 160 ||
    code === 5760 ||
    (code >= 8192 && code <= 8202) ||
    code === 8232 ||
    code === 8233 ||
    code === 8239 ||
    code === 8287 ||
    code === 12288 ||
    code === 65279
  );
}

/** Index of the first code unit at or after `from` that is not whitespace (`text.length` if none). */
export function skipWhitespace(text: string, from: number): number {
  let i = from;
  while (i < text.length && isWhitespace(text.charCodeAt(i))) i++;
  return i;
}

/** Index where the trailing whitespace of `text` begins (`text.length` if it has none). */
export function trailingWhitespaceStart(text: string): number {
  let i = text.length;
  while (i > 0 && isWhitespace(text.charCodeAt(i - 1))) i--;
  return i;
}
