/**
 * Reuses the batch buffers that workers hand back, so that reading a large file does not leave a
 * trail of dead 4 MiB ArrayBuffers for each thread's garbage collector to find (external memory
 * is reclaimed lazily, which made peak RSS grow with the file size).
 */
export class BufferRecycler {
  readonly #free: Buffer[] = [];

  constructor(
    readonly slotSize: number,
    readonly maxFree = 16,
  ) {}

  /** A buffer of at least `size` bytes, owning its ArrayBuffer from offset 0. */
  take(size: number): Buffer {
    if (size > this.slotSize) return Buffer.allocUnsafeSlow(size);
    return this.#free.pop() ?? Buffer.allocUnsafeSlow(this.slotSize);
  }

  /** Hands a buffer back; only slot-sized ones are kept. */
  give(buffer: ArrayBuffer): void {
    if (buffer.byteLength === this.slotSize && this.#free.length < this.maxFree) {
      this.#free.push(Buffer.from(buffer));
    }
  }
}
