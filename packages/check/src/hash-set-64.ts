/**
 * An open-addressing hash table from 64-bit keys (two uint32 halves of an already uniform hash)
 * to the line where the key was first seen. About 24 bytes per entry at worst, no per-entry
 * objects, so millions of example hashes stay small.
 */
export class HashSet64 {
  #keys: Uint32Array;
  #lines: Float64Array;
  #mask: number;
  #size = 0;

  constructor(capacity = 1024) {
    let slots = 16;
    while (slots < capacity * 2) slots *= 2;
    this.#keys = new Uint32Array(slots * 2);
    this.#lines = new Float64Array(slots);
    this.#mask = slots - 1;
  }

  get size(): number {
    return this.#size;
  }

  /** The line stored for the key, or -1. */
  get(hi: number, lo: number): number {
    const keys = this.#keys;
    const l = lo | 1;
    for (let slot = (l ^ hi) & this.#mask; ; slot = (slot + 1) & this.#mask) {
      const kl = keys[slot * 2 + 1];
      if (kl === 0) return -1;
      if (kl === l >>> 0 && keys[slot * 2] === hi >>> 0) return this.#lines[slot] ?? -1;
    }
  }

  /** Adds the key with `line` unless present; returns the line already stored, or -1 if added. */
  add(hi: number, lo: number, line: number): number {
    if ((this.#size + 1) * 2 > this.#lines.length) this.#grow();
    const keys = this.#keys;
    const l = (lo | 1) >>> 0;
    const h = hi >>> 0;
    for (let slot = (l ^ h) & this.#mask; ; slot = (slot + 1) & this.#mask) {
      const kl = keys[slot * 2 + 1];
      if (kl === 0) {
        keys[slot * 2] = h;
        keys[slot * 2 + 1] = l;
        this.#lines[slot] = line;
        this.#size++;
        return -1;
      }
      if (kl === l && keys[slot * 2] === h) return this.#lines[slot] ?? -1;
    }
  }

  #grow(): void {
    const oldKeys = this.#keys;
    const oldLines = this.#lines;
    const slots = oldLines.length * 2;
    this.#keys = new Uint32Array(slots * 2);
    this.#lines = new Float64Array(slots);
    this.#mask = slots - 1;
    this.#size = 0;
    for (let slot = 0; slot < oldLines.length; slot++) {
      const lo = oldKeys[slot * 2 + 1] ?? 0;
      if (lo !== 0) this.add(oldKeys[slot * 2] ?? 0, lo, oldLines[slot] ?? 0);
    }
  }
}
