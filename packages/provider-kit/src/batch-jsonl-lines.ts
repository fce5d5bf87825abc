/**
 * The lines of a JSONL download, parsed one at a time as the bytes arrive (a batch's output file
 * can be hundreds of megabytes: never held whole). Blank lines are skipped; a line that is not
 * JSON throws, naming its number.
 */
export async function* batchJsonlLines(
  body: AsyncIterable<Uint8Array> | ReadableStream<Uint8Array> | null,
): AsyncGenerator<unknown> {
  if (!body) return;
  const decoder = new TextDecoder();
  let buffered = '';
  let lineNumber = 0;
  const parse = (line: string): unknown => {
    lineNumber++;
    try {
      return JSON.parse(line);
    } catch {
      throw new SyntaxError(`Line ${lineNumber} of the batch results is not JSON: ${line.slice(0, 120)}`);
    }
  };
  for await (const chunk of body as AsyncIterable<Uint8Array>) {
    buffered += decoder.decode(chunk, { stream: true });
    let start = 0;
    let newline = buffered.indexOf('\n', start);
    while (newline >= 0) {
      const line = buffered.slice(start, newline).trim();
      start = newline + 1;
      if (line.length > 0) yield parse(line);
      else lineNumber++;
      newline = buffered.indexOf('\n', start);
    }
    buffered = buffered.slice(start);
  }
  buffered += decoder.decode();
  const last = buffered.trim();
  if (last.length > 0) yield parse(last);
}

/** The JSONL text of `lines` (each one JSON value), newline-terminated. */
export function toJsonl(lines: readonly unknown[]): string {
  let out = '';
  for (const line of lines) out += `${JSON.stringify(line)}\n`;
  return out;
}
