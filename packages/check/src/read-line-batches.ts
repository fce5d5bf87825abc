import type { FileHandle } from 'node:fs/promises';

const LF = 10;
const CR = 13;

/**
 * Index just past the last line terminator in `buf[0, length)`, or -1. A `\r` in the very last
 * byte does not count while more data may follow, since the next read could start with its `\n`.
 */
export function lastLineBoundary(buf: Buffer, length: number, eof: boolean): number {
  let limit = length;
  for (;;) {
    if (limit <= 0) return -1;
    const lf = buf.lastIndexOf(LF, limit - 1);
    const tail = buf.subarray(lf + 1, limit);
    const crInTail = tail.lastIndexOf(CR);
    const t = crInTail === -1 ? lf : lf + 1 + crInTail;
    if (t === -1) return -1;
    if (buf[t] === CR && t === length - 1 && !eof) {
      limit = t;
      continue;
    }
    return t + 1;
  }
}

/**
 * Reads a file in large chunks and yields buffers that each hold whole lines (the last one may
 * lack a terminator only at the end of the file). Every yielded buffer owns its ArrayBuffer from
 * offset 0, so it can be transferred to a worker without a copy. A line longer than the chunk size
 * grows the buffer as needed, so memory is bounded by the chunk size and the longest line. `take`
 * supplies buffers of at least the requested size (possibly recycled).
 */
export async function* readLineBatches(
  handle: FileHandle,
  chunkSize: number,
  signal?: AbortSignal,
  take: (size: number) => Buffer = Buffer.allocUnsafeSlow,
): AsyncGenerator<Buffer> {
  let carry: Buffer | null = null;
  let eof = false;
  let size = chunkSize;
  for (;;) {
    signal?.throwIfAborted();
    const carried = carry?.length ?? 0;
    const capacity = Math.max(size, carried + chunkSize);
    const buf = take(capacity);
    let filled = 0;
    if (carry) {
      carry.copy(buf, 0);
      filled = carried;
      carry = null;
    }
    while (filled < capacity && !eof) {
      const { bytesRead } = await handle.read(buf, filled, capacity - filled, null);
      if (bytesRead === 0) eof = true;
      else filled += bytesRead;
    }
    if (filled === 0) return;
    if (eof) {
      yield buf.subarray(0, filled);
      return;
    }
    const cut = lastLineBoundary(buf, filled, false);
    if (cut === -1) {
      carry = buf.subarray(0, filled);
      size = capacity * 2;
      continue;
    }
    size = chunkSize;
    carry = cut < filled ? Buffer.from(buf.subarray(cut, filled)) : null;
    yield buf.subarray(0, cut);
  }
}
