/**
 * A cheap 64-bit fingerprint of a line's bytes, used to find candidate duplicates without hashing
 * every whole line. Lines of at most {@link FULL_LIMIT} bytes are hashed in full; longer ones by
 * their length and a bounded sample: the first and last {@link EDGE} bytes and
 * {@link WINDOWS} evenly spaced windows of {@link WINDOW} bytes, 512 bytes in all. Equal lines
 * always have equal fingerprints; unequal lines may share one, so a repeated fingerprint is only a
 * candidate, confirmed by comparing the bytes (see `LineIndex`).
 *
 * The hash is two MurmurHash3-style 32-bit lanes over little-endian words, mixed at the end.
 */
export const EDGE = 128;
export const WINDOW = 64;
export const WINDOWS = 4;
export const FULL_LIMIT = 2 * EDGE + WINDOWS * WINDOW;

/** Start offsets (relative to the line) of the sampled middle windows of a line of `length` bytes. */
export function windowOffset(length: number, k: number): number {
  // Evenly spaced between the two edges: k = 1..WINDOWS.
  return EDGE + Math.floor((k * (length - 2 * EDGE - WINDOW)) / (WINDOWS + 1));
}

/** Byte offsets of a line of `length` bytes that its fingerprint does not sample (for tests). */
export function unsampledOffsets(length: number): number[] {
  if (length <= FULL_LIMIT) return [];
  const sampled = new Uint8Array(length);
  sampled.fill(1, 0, EDGE);
  sampled.fill(1, length - EDGE);
  for (let k = 1; k <= WINDOWS; k++) {
    const from = windowOffset(length, k);
    sampled.fill(1, from, from + WINDOW);
  }
  const out: number[] = [];
  for (let i = 0; i < length; i++) if (sampled[i] === 0) out.push(i);
  return out;
}

let h1 = 0;
let h2 = 0;

function hashRange(bytes: Uint8Array, start: number, end: number): void {
  let a = h1;
  let b = h2;
  let i = start;
  for (const last = end - 3; i < last; i += 4) {
    let k =
      (bytes[i] as number) |
      ((bytes[i + 1] as number) << 8) |
      ((bytes[i + 2] as number) << 16) |
      ((bytes[i + 3] as number) << 24);
    k = Math.imul(k, 0xcc9e2d51);
    k = (k << 15) | (k >>> 17);
    k = Math.imul(k, 0x1b873593);
    a ^= k;
    a = (a << 13) | (a >>> 19);
    a = (Math.imul(a, 5) + 0xe6546b64) | 0;
    b ^= Math.imul(k, 0x85ebca6b);
    b = (b << 17) | (b >>> 15);
    b = (Math.imul(b, 5) + 0x561ccd1b) | 0;
  }
  let k = 0;
  let shift = 0;
  for (; i < end; i++, shift += 8) k |= (bytes[i] as number) << shift;
  if (shift > 0) {
    k = Math.imul(k, 0xcc9e2d51);
    k = (k << 15) | (k >>> 17);
    k = Math.imul(k, 0x1b873593);
    a ^= k;
    b ^= Math.imul(k, 0x85ebca6b);
  }
  // Keep the range boundaries significant (so that moving bytes between ranges changes the hash).
  h1 = Math.imul(a ^ (end - start), 0x9e3779b1);
  h2 = b;
}

function fmix(h: number): number {
  let x = h;
  x ^= x >>> 16;
  x = Math.imul(x, 0x85ebca6b);
  x ^= x >>> 13;
  x = Math.imul(x, 0xc2b2ae35);
  x ^= x >>> 16;
  return x >>> 0;
}

/**
 * Writes the fingerprint of `bytes[start, end)` to `out[at]` (high half) and `out[at + 1]` (low
 * half). No allocation.
 */
export function fingerprint(
  bytes: Uint8Array,
  start: number,
  end: number,
  out: Uint32Array,
  at: number,
): void {
  const length = end - start;
  h1 = length | 0;
  h2 = Math.imul(length, 0x27d4eb2f) ^ 0x165667b1;
  if (length <= FULL_LIMIT) {
    hashRange(bytes, start, end);
  } else {
    hashRange(bytes, start, start + EDGE);
    for (let k = 1; k <= WINDOWS; k++) {
      const from = start + windowOffset(length, k);
      hashRange(bytes, from, from + WINDOW);
    }
    hashRange(bytes, end - EDGE, end);
  }
  let a = h1 ^ length;
  let b = h2 ^ Math.floor(length / 0x100000000);
  a = (a + b) | 0;
  b = (b + a) | 0;
  a = fmix(a);
  b = fmix(b);
  a = (a + b) | 0;
  b = (b + a) | 0;
  out[at] = a >>> 0;
  out[at + 1] = b >>> 0;
}
