import type { ServerResponse } from 'node:http';
import { sleep } from './sleep';

export interface SseWriterOptions {
  /** Delay before each event. */
  delayMs?: number;
  /** Write each event's bytes in pieces of this size. */
  byteChunkSize?: number;
  /** Cut the stream after this many events. */
  cutAfterChunks?: number;
  /** How to cut: reset the socket (default) or end the response cleanly. */
  cutMode?: 'destroy' | 'end';
  /** Send one truncated JSON event, then end the stream. */
  malformed?: boolean;
  headers?: Record<string, string>;
  /**
   * Sees every event's data (the value given to `event()`, before any `malformed` truncation) and
   * its event name, e.g. to check it against the vendor's stream schema.
   */
  inspect?: (data: unknown, eventName: string | undefined) => void;
}

/**
 * Writes a real, incrementally flushed `text/event-stream` response. Each `event()` is one SSE event
 * (`event:` line when named, one `data:` line). After a cut or a client disconnect every call is a no-op,
 * and `open` is false.
 */
export class SseWriter {
  readonly #res: ServerResponse;
  readonly #options: SseWriterOptions;
  #written = 0;
  #closed = false;

  constructor(res: ServerResponse, options: SseWriterOptions = {}) {
    this.#res = res;
    this.#options = options;
    res.statusCode = 200;
    res.setHeader('content-type', 'text/event-stream; charset=utf-8');
    res.setHeader('cache-control', 'no-cache');
    res.setHeader('connection', 'keep-alive');
    for (const [k, v] of Object.entries(options.headers ?? {})) res.setHeader(k, v);
    res.flushHeaders();
    res.on('close', () => {
      this.#closed = true;
    });
  }

  /** False once the stream was cut, ended, or the client went away. */
  get open(): boolean {
    return !this.#closed && !this.#res.destroyed && !this.#res.writableEnded;
  }

  /** Events written so far. */
  get written(): number {
    return this.#written;
  }

  /**
   * Write one event; `data` is JSON-encoded unless it is a string. Mark the stream's terminator
   * (`[DONE]`, `message_stop`) `terminal`: a pending cut then always happens before it, even when the stream
   * has fewer events than `cutAfterChunks`.
   */
  async event(data: unknown, eventName?: string, options: { terminal?: boolean } = {}): Promise<void> {
    if (!this.open) return;
    const { cutAfterChunks, malformed } = this.#options;
    if (cutAfterChunks !== undefined && (this.#written >= cutAfterChunks || options.terminal)) {
      await this.#cut();
      return;
    }
    await sleep(this.#options.delayMs ?? 0);
    if (!this.open) return;
    this.#options.inspect?.(data, eventName);
    let json = typeof data === 'string' ? data : JSON.stringify(data);
    if (malformed) json = json.slice(0, Math.max(1, Math.floor(json.length / 2)));
    const text = (eventName ? `event: ${eventName}\n` : '') + `data: ${json}\n\n`;
    await this.#write(Buffer.from(text, 'utf8'));
    this.#written++;
    if (malformed) this.#res.end();
  }

  /** End the stream normally (after a cut this does nothing). */
  async end(): Promise<void> {
    if (!this.open) return;
    const { cutAfterChunks } = this.#options;
    if (cutAfterChunks !== undefined && this.#written >= cutAfterChunks) {
      await this.#cut();
      return;
    }
    await new Promise<void>((resolve) => this.#res.end(resolve));
  }

  async #cut(): Promise<void> {
    this.#closed = true;
    if (this.#options.cutMode === 'end') {
      await new Promise<void>((resolve) => this.#res.end(resolve));
      return;
    }
    this.#res.socket?.destroy();
  }

  async #write(bytes: Buffer): Promise<void> {
    const size = this.#options.byteChunkSize;
    const pieces: Buffer[] = [];
    if (size && size > 0)
      for (let i = 0; i < bytes.length; i += size) pieces.push(bytes.subarray(i, i + size));
    else pieces.push(bytes);
    for (const [i, piece] of pieces.entries()) {
      if (!this.open) return;
      await new Promise<void>((resolve) => {
        // The callback fires once the bytes reached the socket, or with an error when it is gone.
        this.#res.write(piece, () => resolve());
      });
      // Yield so separate writes leave as separate TCP segments instead of being coalesced.
      if (pieces.length > 1 && i < pieces.length - 1) await new Promise((r) => setImmediate(r));
    }
  }
}
