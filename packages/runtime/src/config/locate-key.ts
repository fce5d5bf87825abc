/**
 * Where a config key path (e.g. ['tasks', 1, 'runConfigs', 0, 'model']) is written in the source
 * of a config file: the 1-based line of the deepest part of the path found. Scans the object
 * literal after `export default` (through `defineConfig(`), skipping strings, template literals
 * and comments, so `tasks[1].name` is found inside the second task, not the first. A key that is
 * missing (a required one) points at the object that lacks it. Returns undefined when lost.
 */
export function locateKey(source: string, keyPath: readonly PropertyKey[]): number | undefined {
  const start = rootObject(source);
  if (start === undefined) return undefined;
  let at = start;
  let found: number | undefined;
  for (const key of keyPath) {
    const next = typeof key === 'number' ? element(source, at, key) : property(source, at, String(key));
    if (next === undefined) break;
    found = next.line;
    at = next.value;
  }
  return found ?? lineOf(source, start);
}

/** 1-based line of an offset. */
export function lineOf(source: string, offset: number): number {
  let line = 1;
  for (let i = source.indexOf('\n'); i >= 0 && i < offset; i = source.indexOf('\n', i + 1)) line++;
  return line;
}

/** Offset of the `{` of the default-exported object literal, if the file has one. */
function rootObject(source: string): number | undefined {
  const match = /export\s+default\s+(?:[\w$.]+\s*\(\s*)?(?=\{)/.exec(source);
  if (match) return match.index + match[0].length;
  const named = /export\s+default\s+([\w$]+)\s*;?/.exec(source);
  if (!named) return undefined;
  const declared = new RegExp(
    `(?:const|let|var)\\s+${named[1]}\\s*(?::[^=]+)?=\\s*(?:[\\w$.]+\\s*\\(\\s*)?(?=\\{)`,
  ).exec(source);
  return declared ? declared.index + declared[0].length : undefined;
}

/** Offset just past a string, template literal or comment starting at `i`, or `i` if none starts there. */
function skipOpaque(source: string, i: number): number {
  const c = source[i];
  const next = source[i + 1];
  if (c === '/' && next === '/') {
    const end = source.indexOf('\n', i);
    return end < 0 ? source.length : end;
  }
  if (c === '/' && next === '*') {
    const end = source.indexOf('*/', i + 2);
    return end < 0 ? source.length : end + 2;
  }
  if (c === '"' || c === "'" || c === '`') {
    let j = i + 1;
    while (j < source.length && source[j] !== c) {
      if (source[j] === '\\') j++;
      else if (c === '`' && source[j] === '$' && source[j + 1] === '{') j = closing(source, j + 1);
      j++;
    }
    return j + 1;
  }
  return i;
}

/** Offset of the bracket closing the one at `open`. */
function closing(source: string, open: number): number {
  let depth = 0;
  for (let i = open; i < source.length; i++) {
    const skipped = skipOpaque(source, i);
    if (skipped !== i) {
      i = skipped - 1;
      continue;
    }
    const c = source[i];
    if (c === '{' || c === '[' || c === '(') depth++;
    else if (c === '}' || c === ']' || c === ')') {
      depth--;
      if (depth === 0) return i;
    }
  }
  return source.length;
}

/**
 * Visits the top-level entries of the object or array whose bracket is at `open`: calls `visit`
 * with each entry's start offset (after whitespace) until it returns true.
 */
function entries(source: string, open: number, visit: (start: number) => boolean): void {
  const end = closing(source, open);
  let depth = 0;
  let entryStart = open + 1;
  const report = (from: number): boolean => {
    const ws = /\s*/y;
    ws.lastIndex = from;
    ws.exec(source);
    let start = ws.lastIndex;
    // comments before an entry belong to no entry
    for (let skipped = skipOpaque(source, start); skipped !== start && source[start] === '/'; ) {
      ws.lastIndex = skipped;
      ws.exec(source);
      start = ws.lastIndex;
      skipped = skipOpaque(source, start);
    }
    return start < end && visit(start);
  };
  for (let i = open + 1; i < end; i++) {
    const skipped = skipOpaque(source, i);
    if (skipped !== i) {
      i = skipped - 1;
      continue;
    }
    const c = source[i];
    if (c === '{' || c === '[' || c === '(') depth++;
    else if (c === '}' || c === ']' || c === ')') depth--;
    else if (c === ',' && depth === 0) {
      if (report(entryStart)) return;
      entryStart = i + 1;
    }
  }
  report(entryStart);
}

/** The value of `key` in the object literal at `open`: its line and the offset of its value. */
function property(source: string, open: number, key: string): { line: number; value: number } | undefined {
  if (source[open] !== '{') return undefined;
  const escaped = key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const pattern = new RegExp(`(?:(['"\`])${escaped}\\1|${escaped})\\s*:\\s*`, 'y');
  let result: { line: number; value: number } | undefined;
  entries(source, open, (start) => {
    pattern.lastIndex = start;
    if (!pattern.test(source)) return false;
    result = { line: lineOf(source, start), value: pattern.lastIndex };
    return true;
  });
  return result;
}

/** The `index`th element of the array literal at `open`: its line and offset. */
function element(source: string, open: number, index: number): { line: number; value: number } | undefined {
  if (source[open] !== '[') return undefined;
  let result: { line: number; value: number } | undefined;
  let n = 0;
  entries(source, open, (start) => {
    if (n++ !== index) return false;
    result = { line: lineOf(source, start), value: start };
    return true;
  });
  return result;
}
