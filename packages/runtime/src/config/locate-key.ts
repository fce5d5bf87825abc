/**
 * Best-effort line number of a config key path in the source text, e.g. ['tasks', 0, 'name'].
 * Walks the path, finding each key after the previous one's position. Returns undefined if lost.
 */
export function locateKey(source: string, keyPath: readonly PropertyKey[]): number | undefined {
  let offset = 0;
  let found = false;
  for (const key of keyPath) {
    if (typeof key !== 'string') continue;
    const pattern = new RegExp(
      `(?:^|[\\s{,])(['"\`]?)${key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\1\\s*:`,
      'g',
    );
    pattern.lastIndex = offset;
    const match = pattern.exec(source);
    if (!match) break;
    offset = match.index + match[0].length;
    found = true;
  }
  if (!found) return undefined;
  return source.slice(0, offset).split('\n').length;
}
