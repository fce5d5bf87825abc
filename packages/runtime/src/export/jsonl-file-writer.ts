import { randomBytes } from 'node:crypto';
import { mkdir, open, rename, rm } from 'node:fs/promises';
import path from 'node:path';

export interface JsonlFileWriter {
  /** Appends one JSON value as a line (buffered; flushed in chunks). */
  write(value: unknown): Promise<void>;
  /** Flushes, fsyncs and renames the temp file over the target. */
  commit(): Promise<{ bytes: number; lines: number }>;
  /** Removes the temp file; the target is left as it was. */
  abort(): Promise<void>;
}

const FLUSH_BYTES = 1 << 20;

/**
 * Streams JSONL to a temp file beside `file` and renames it into place on commit, so a crash or
 * an error leaves the previous file (or none), never half an export.
 */
export async function openJsonlFileWriter(file: string): Promise<JsonlFileWriter> {
  const dir = path.dirname(file);
  await mkdir(dir, { recursive: true });
  const temp = path.join(dir, `.${path.basename(file)}.${randomBytes(6).toString('hex')}.tmp`);
  const handle = await open(temp, 'wx');
  let buffer: string[] = [];
  let buffered = 0;
  let bytes = 0;
  let lines = 0;
  let closed = false;
  const flush = async () => {
    if (buffer.length === 0) return;
    const chunk = buffer.join('');
    buffer = [];
    buffered = 0;
    await handle.write(chunk, null, 'utf8');
  };
  return {
    async write(value) {
      const line = `${JSON.stringify(value)}\n`;
      buffer.push(line);
      buffered += line.length;
      bytes += Buffer.byteLength(line, 'utf8');
      lines++;
      if (buffered >= FLUSH_BYTES) await flush();
    },
    async commit() {
      try {
        await flush();
        await handle.sync();
      } finally {
        closed = true;
        await handle.close();
      }
      try {
        await rename(temp, file);
      } catch (error) {
        await rm(temp, { force: true });
        throw error;
      }
      // Persist the rename itself (best effort: not every platform can fsync a directory).
      try {
        const dirHandle = await open(dir, 'r');
        try {
          await dirHandle.sync();
        } finally {
          await dirHandle.close();
        }
      } catch {}
      return { bytes, lines };
    },
    async abort() {
      if (!closed) {
        closed = true;
        await handle.close().catch(() => {});
      }
      await rm(temp, { force: true });
    },
  };
}
