/**
 * Splits text into pieces of `size` units. `code-point` never splits a character (a surrogate pair stays
 * whole); `code-unit` counts UTF-16 code units and may leave half a surrogate pair at a piece's end.
 */
export function splitText(
  text: string,
  size: number,
  mode: 'code-point' | 'code-unit' = 'code-point',
): string[] {
  const n = Math.max(1, Math.floor(size));
  const pieces: string[] = [];
  if (mode === 'code-unit') {
    for (let i = 0; i < text.length; i += n) pieces.push(text.slice(i, i + n));
    return pieces;
  }
  const points = Array.from(text);
  for (let i = 0; i < points.length; i += n) pieces.push(points.slice(i, i + n).join(''));
  return pieces;
}
