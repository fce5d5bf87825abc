import { describe, expect, it } from 'vitest';
import { EDGE, FULL_LIMIT, fingerprint, unsampledOffsets, WINDOW, WINDOWS } from './line-fingerprint';

const fp = (bytes: Uint8Array): [number, number] => {
  const out = new Uint32Array(2);
  fingerprint(bytes, 0, bytes.length, out, 0);
  return [out[0] as number, out[1] as number];
};

describe('fingerprint', () => {
  it('hashes short lines in full', () => {
    const a = Buffer.from('x'.repeat(FULL_LIMIT));
    const b = Buffer.from(a);
    b[FULL_LIMIT >> 1] = 0x79;
    expect(fp(a)).not.toEqual(fp(b));
    expect(fp(Buffer.from('ab'))).not.toEqual(fp(Buffer.from('ba')));
    expect(fp(Buffer.from(''))).not.toEqual(fp(Buffer.from('\0')));
  });

  it('samples long lines, so lines differing outside the windows collide (by design)', () => {
    const a = Buffer.alloc(5000, 0x61);
    for (let i = 0; i < a.length; i++) a[i] = 0x61 + (i % 26);
    const gaps = unsampledOffsets(a.length);
    expect(gaps.length).toBe(5000 - 2 * EDGE - WINDOWS * WINDOW);
    const b = Buffer.from(a);
    b[gaps[100] as number] = 0x30;
    expect(fp(a)).toEqual(fp(b));
    const c = Buffer.from(a);
    c[EDGE - 1] = 0x30; // inside the first edge
    expect(fp(a)).not.toEqual(fp(c));
    expect(fp(a)).not.toEqual(fp(a.subarray(0, 4999)));
    const w = Buffer.from(a);
    w[2000] = 0x30; // inside a window
    expect(gaps).not.toContain(2000);
    expect(fp(a)).not.toEqual(fp(w));
  });

  it('depends only on the line bytes, not on where they sit in the batch', () => {
    const line = Buffer.from('y'.repeat(3000));
    const batch = Buffer.concat([Buffer.from('abc\n'), line, Buffer.from('\n')]);
    const out = new Uint32Array(2);
    fingerprint(batch, 4, 4 + line.length, out, 0);
    expect([out[0], out[1]]).toEqual(fp(line));
  });
});
