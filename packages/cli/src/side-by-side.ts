/** Wraps text to `width` columns: words kept whole when they fit, long words split, newlines kept. */
export function wrapText(text: string, width: number): string[] {
  const out: string[] = [];
  const w = Math.max(1, width);
  for (const paragraph of text.split('\n')) {
    let line = '';
    for (const word of paragraph.split(/(\s+)/)) {
      if (word === '') continue;
      const chars = [...word];
      const lineLength = [...line].length;
      if (lineLength + chars.length <= w) {
        line += word;
        continue;
      }
      if (/^\s+$/.test(word)) {
        out.push(line.trimEnd());
        line = '';
        continue;
      }
      if (line.trim() !== '') out.push(line.trimEnd());
      line = '';
      let rest = chars;
      while (rest.length > w) {
        out.push(rest.slice(0, w).join(''));
        rest = rest.slice(w);
      }
      line = rest.join('');
    }
    out.push(line.trimEnd());
  }
  return out;
}

function pad(text: string, width: number): string {
  return text + ' '.repeat(Math.max(0, width - [...text].length));
}

export interface Column {
  title: string;
  text: string;
}

/** Two columns side by side, each wrapped to half the width, separated by ` │ `. */
export function sideBySide(left: Column, right: Column, width: number): string {
  const column = Math.max(10, Math.floor((width - 3) / 2));
  const a = [
    left.title,
    '─'.repeat(Math.min(column, [...left.title].length)),
    ...wrapText(left.text, column),
  ];
  const b = [
    right.title,
    '─'.repeat(Math.min(column, [...right.title].length)),
    ...wrapText(right.text, column),
  ];
  const rows: string[] = [];
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    rows.push(`${pad(a[i] ?? '', column)} │ ${b[i] ?? ''}`.trimEnd());
  }
  return rows.join('\n');
}

/** The same two columns one under the other, wrapped to the width. */
export function stacked(top: Column, bottom: Column, width: number): string {
  const block = (c: Column) => [c.title, ...wrapText(c.text, width)].join('\n');
  return `${block(top)}\n\n${block(bottom)}`;
}
