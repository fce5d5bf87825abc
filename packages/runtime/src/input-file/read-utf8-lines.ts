import type { FileHandle } from 'node:fs/promises';
import { fileReadError } from './file-read-error';
import { invalidUtf8Error, validUtf8Prefix } from './invalid-utf8-error';
import { openInputFile } from './open-input-file';

const CHUNK_BYTES = 64 * 1024;

/** Line breaks (LF, CRLF, lone CR) among `bytes`; `crBefore` says the byte before them was a CR. */
function countBreaks(bytes: Uint8Array, crBefore: boolean): number {
  let breaks = 0;
  let from = 0;
  for (;;) {
    const lf = bytes.indexOf(0x0a, from);
    if (lf < 0) break;
    if (!(lf === 0 ? crBefore : bytes[lf - 1] === 0x0d)) breaks++;
    from = lf + 1;
  }
  for (let cr = bytes.indexOf(0x0d); cr >= 0; cr = bytes.indexOf(0x0d, cr + 1)) breaks++;
  return breaks;
}

export interface Utf8ReadOptions {
  /** How the file is named in messages. */
  shownAs: string;
  /** Said after an encoding error, e.g. `nothing was imported`. */
  consequence?: string;
  signal?: AbortSignal;
}

/**
 * Streams an open file as UTF-8 text, checking the encoding as it goes (no second pass): the
 * first byte that is not UTF-8 is an InputError naming its line. A byte order mark is dropped.
 * Closes the handle when done.
 */
export async function* readUtf8Chunks(handle: FileHandle, options: Utf8ReadOptions): AsyncGenerator<string> {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  const buffer = new Uint8Array(CHUNK_BYTES);
  let line = 1;
  let crBefore = false;
  try {
    for (;;) {
      options.signal?.throwIfAborted();
      let bytesRead: number;
      try {
        ({ bytesRead } = await handle.read(buffer, 0, CHUNK_BYTES, null));
      } catch (error) {
        throw fileReadError(error, options.shownAs);
      }
      const chunk = buffer.subarray(0, bytesRead);
      let text: string;
      try {
        text = decoder.decode(chunk, { stream: bytesRead > 0 });
      } catch {
        const bad = validUtf8Prefix(chunk);
        throw invalidUtf8Error(
          options.shownAs,
          line + countBreaks(chunk.subarray(0, bad), crBefore),
          options.consequence,
        );
      }
      if (bytesRead === 0) {
        if (text !== '') yield text;
        return;
      }
      line += countBreaks(chunk, crBefore);
      crBefore = chunk[bytesRead - 1] === 0x0d;
      yield text;
    }
  } finally {
    await handle.close();
  }
}

/** Lines of a text stream, split at LF, CRLF or a lone CR (also across chunks); no empty last line after a final break. */
export async function* splitLines(chunks: AsyncIterable<string>): AsyncGenerator<string> {
  let pending = '';
  const breaks = /\r\n|\r|\n/g;
  for await (const chunk of chunks) {
    // Only the new text (and a CR kept back at the end) can hold a break: a long line is scanned once.
    breaks.lastIndex = Math.max(0, pending.length - 1);
    pending += chunk;
    let start = 0;
    for (let match = breaks.exec(pending); match; match = breaks.exec(pending)) {
      // A CR at the very end may be the first half of a CRLF: wait for the next chunk.
      if (match[0] === '\r' && match.index === pending.length - 1) break;
      yield pending.slice(start, match.index);
      start = match.index + match[0].length;
    }
    pending = pending.slice(start);
  }
  if (pending.endsWith('\r')) pending = pending.slice(0, -1);
  if (pending !== '') yield pending;
}

/** Opens a file the user named and streams its lines, checked as UTF-8 (see openInputFile, readUtf8Chunks). */
export async function* readInputLines(file: string, options: Utf8ReadOptions): AsyncGenerator<string> {
  const { handle } = await openInputFile(file, options.shownAs);
  yield* splitLines(readUtf8Chunks(handle, options));
}

/** Opens a file the user named and streams it as text chunks, checked as UTF-8. */
export async function* readInputChunks(file: string, options: Utf8ReadOptions): AsyncGenerator<string> {
  const { handle } = await openInputFile(file, options.shownAs);
  yield* readUtf8Chunks(handle, options);
}
