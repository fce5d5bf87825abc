/**
 * The least a streaming splitter must do: search each chunk plus the `separator.length - 1` code
 * units before it (where a split separator starts), and give where the separator first starts in
 * the whole text, or -1. The baseline of the parser benches' streamed rows.
 */
export function indexOfStreamed(chunks: readonly string[], separator: string): number {
  let tail = '';
  let found = -1;
  let seen = 0;
  for (const chunk of chunks) {
    const window = tail + chunk;
    if (found < 0) {
      const i = window.indexOf(separator);
      if (i >= 0) found = seen - tail.length + i;
    }
    tail = window.slice(-(separator.length - 1));
    seen += chunk.length;
  }
  return found;
}
