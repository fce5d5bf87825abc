import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { lastLineBoundary, readLineBatches } from './read-line-batches';

const dir = mkdtempSync(join(tmpdir(), 'distill-batches-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function batches(content: string, chunkSize: number): Promise<string[]> {
  const path = join(dir, 'f.jsonl');
  writeFileSync(path, content);
  const handle = await open(path, 'r');
  const out: string[] = [];
  try {
    for await (const batch of readLineBatches(handle, chunkSize)) {
      expect(batch.byteOffset).toBe(0);
      out.push(batch.toString('utf8'));
    }
  } finally {
    await handle.close();
  }
  return out;
}

describe('lastLineBoundary', () => {
  it('finds the index after the last terminator', () => {
    expect(lastLineBoundary(Buffer.from('ab\ncd'), 5, false)).toBe(3);
    expect(lastLineBoundary(Buffer.from('ab\r\ncd'), 6, false)).toBe(4);
    expect(lastLineBoundary(Buffer.from('abcd'), 4, false)).toBe(-1);
  });

  it('does not cut after a trailing CR that may be the first half of CRLF', () => {
    expect(lastLineBoundary(Buffer.from('ab\ncd\r'), 6, false)).toBe(3);
    expect(lastLineBoundary(Buffer.from('cd\r'), 3, false)).toBe(-1);
    expect(lastLineBoundary(Buffer.from('cd\r'), 3, true)).toBe(3);
  });
});

describe('readLineBatches', () => {
  it('yields whole lines only, growing past lines longer than a chunk', async () => {
    const content = 'short\na much longer line than the chunk\r\nx\ry';
    for (const size of [1, 2, 3, 4, 8, 1024]) {
      const out = await batches(content, size);
      expect(out.join('')).toBe(content);
      for (const batch of out.slice(0, -1)) expect(batch).toMatch(/(\n|\r\n|\r)$/);
      for (const batch of out) expect(batch.startsWith('\n')).toBe(false);
    }
  });
});
