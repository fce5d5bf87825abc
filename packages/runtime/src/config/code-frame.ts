/**
 * The source line `line` (1-based) with its number, and a caret under `column` (1-based) when
 * given, indented for an error message:
 *
 *     4 |     { id: 'a', name: 'n' instruction: 'i' },
 *       |                          ^
 */
export function codeFrame(source: string, line: number, column?: number): string {
  const text = source.split(/\r\n|\r|\n/)[line - 1];
  if (text === undefined) return '';
  const gutter = String(line);
  const shown = text.replace(/\t/g, '  ');
  const out = [`    ${gutter} | ${shown}`];
  if (column !== undefined && column >= 1) {
    const before = text.slice(0, column - 1).replace(/\t/g, '  ');
    out.push(`    ${' '.repeat(gutter.length)} | ${' '.repeat(before.length)}^`);
  }
  return out.join('\n');
}
