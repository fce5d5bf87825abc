import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { LineIndex } from './line-index';

const dir = mkdtempSync(join(tmpdir(), 'distill-line-index-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('LineIndex', () => {
  it('confirms candidates by their bytes and keeps a colliding group linear', () => {
    // 300 distinct lines of equal length, all given the same fingerprint, then each one again.
    const lines = Array.from({ length: 300 }, (_, i) => `line ${String(i).padStart(4, '0')}`);
    const path = join(dir, 'lines.txt');
    writeFileSync(path, [...lines, ...lines].join('\n'));
    const index = new LineIndex(path);
    const width = (lines[0] as string).length + 1;
    try {
      for (let i = 0; i < 600; i++) {
        const first = index.add(7, 9, i + 1, i * width, width - 1);
        expect(first).toBe(i < 300 ? -1 : i - 300 + 1);
      }
      expect(index.size).toBe(300);
      // One comparison with the group's first line, then one per confirmed duplicate.
      expect(index.comparisons).toBeLessThanOrEqual(301);
    } finally {
      index.close();
    }
  });
});
