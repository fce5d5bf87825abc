import { hash } from 'node:crypto';
import { closeSync, openSync, readSync } from 'node:fs';
import { HashSet64 } from './hash-set-64';

/** Positional reads of byte ranges of one file into reusable buffers (two slots, for comparisons). */
export class RangeReader {
  readonly #path: string;
  #fd = -1;
  readonly #slots: Buffer[] = [Buffer.allocUnsafeSlow(1 << 16), Buffer.allocUnsafeSlow(1 << 16)];

  constructor(path: string) {
    this.#path = path;
  }

  /** Bytes `[offset, offset + length)` of the file, valid until the next read into the same slot. */
  read(offset: number, length: number, slot: 0 | 1): Buffer {
    if (this.#fd === -1) this.#fd = openSync(this.#path, 'r');
    let buf = this.#slots[slot] as Buffer;
    if (buf.length < length) {
      buf = Buffer.allocUnsafeSlow(length);
      this.#slots[slot] = buf;
    }
    let done = 0;
    while (done < length) {
      const n = readSync(this.#fd, buf, done, length - done, offset + done);
      if (n === 0) throw new Error(`${this.#path} changed while it was being checked`);
      done += n;
    }
    return buf.subarray(0, length);
  }

  close(): void {
    if (this.#fd !== -1) closeSync(this.#fd);
    this.#fd = -1;
  }
}

function fullHash(bytes: Uint8Array, out: Uint32Array): void {
  const digest = hash('sha256', bytes, 'buffer');
  out[0] = digest.readUInt32LE(0);
  out[1] = digest.readUInt32LE(4);
}

/**
 * The distinct lines of one file, for exact duplicate and overlap detection without hashing every
 * line in full. Each line is keyed by its cheap sampled fingerprint (`line-fingerprint.ts`) and
 * remembered by line number, byte offset and length (typed arrays, no per-line objects). A repeated
 * fingerprint is only a candidate: the bytes of both lines are read back from the file and compared,
 * so no false duplicate is reported and no true one is missed. When unequal lines share a
 * fingerprint, that fingerprint's group is escalated: its lines are keyed by the SHA-256 of their
 * bytes from then on, so a long run of near-duplicates costs one read and hash per line, not a
 * comparison with every earlier member. (Two distinct lines of one escalated group with equal
 * 64-bit SHA-256 prefixes would make a later copy of the second go unreported; odds about 2^-64.)
 */
export class LineIndex {
  readonly reader: RangeReader;
  readonly #byFingerprint = new HashSet64();
  readonly #byHash = new HashSet64(16);
  #line = new Float64Array(1024);
  #offset = new Float64Array(1024);
  #length = new Uint32Array(1024);
  /** Per entry: 1 when its fingerprint group is keyed by full hash (set on the group's first entry). */
  #escalated = new Uint8Array(1024);
  #count = 0;
  readonly #digest = new Uint32Array(2);
  /** Byte comparisons made (for tests and diagnostics). */
  comparisons = 0;

  constructor(path: string) {
    this.reader = new RangeReader(path);
  }

  /** Number of distinct lines indexed. */
  get size(): number {
    return this.#count;
  }

  /**
   * Indexes the line at `[offset, offset + length)` of this index's file unless an equal line is
   * already indexed; returns that line's number, or -1 when the line is new.
   */
  add(hi: number, lo: number, line: number, offset: number, length: number): number {
    const id = this.#count;
    const first = this.#byFingerprint.add(hi, lo, id);
    if (first === -1) {
      this.#push(line, offset, length);
      return -1;
    }
    const bytes = this.reader.read(offset, length, 0);
    if (this.#escalated[first] === 0) {
      if (this.#equals(first, bytes, 1)) return this.#line[first] as number;
      // Unequal lines share this fingerprint: key the group by full hash from now on.
      this.#escalated[first] = 1;
      fullHash(
        this.reader.read(this.#offset[first] as number, this.#length[first] as number, 1),
        this.#digest,
      );
      this.#byHash.add(this.#digest[0] as number, this.#digest[1] as number, first);
    }
    fullHash(bytes, this.#digest);
    const match = this.#byHash.add(this.#digest[0] as number, this.#digest[1] as number, id);
    if (match === -1) {
      this.#push(line, offset, length);
      return -1;
    }
    return this.#equals(match, bytes, 1) ? (this.#line[match] as number) : -1;
  }

  /**
   * The number of an indexed line equal to the line at `[offset, offset + length)` of `source`'s
   * file (whose fingerprint is `hi`, `lo`), or -1. The line is only read when the fingerprint
   * matches; `source` must not be this index's own reader.
   */
  find(hi: number, lo: number, source: RangeReader, offset: number, length: number): number {
    const first = this.#byFingerprint.get(hi, lo);
    if (first === -1) return -1;
    const query = source.read(offset, length, 0);
    if (this.#escalated[first] === 0)
      return this.#equals(first, query, 0) ? (this.#line[first] as number) : -1;
    fullHash(query, this.#digest);
    const match = this.#byHash.get(this.#digest[0] as number, this.#digest[1] as number);
    return match !== -1 && this.#equals(match, query, 0) ? (this.#line[match] as number) : -1;
  }

  close(): void {
    this.reader.close();
  }

  #equals(id: number, bytes: Uint8Array, slot: 0 | 1): boolean {
    const length = this.#length[id] as number;
    if (length !== bytes.length) return false;
    this.comparisons++;
    return Buffer.compare(this.reader.read(this.#offset[id] as number, length, slot), bytes) === 0;
  }

  #push(line: number, offset: number, length: number): void {
    const id = this.#count++;
    if (id === this.#line.length) {
      const grow = <T extends Float64Array | Uint32Array | Uint8Array>(old: T, make: (n: number) => T): T => {
        const next = make(old.length * 2);
        next.set(old);
        return next;
      };
      this.#line = grow(this.#line, (n) => new Float64Array(n));
      this.#offset = grow(this.#offset, (n) => new Float64Array(n));
      this.#length = grow(this.#length, (n) => new Uint32Array(n));
      this.#escalated = grow(this.#escalated, (n) => new Uint8Array(n));
    }
    this.#line[id] = line;
    this.#offset[id] = offset;
    this.#length[id] = length;
  }
}
