import type { ServerResponse } from 'node:http';

export interface SseStream {
  /** Sends one event whose data is `value` as JSON (secrets removed). */
  send(value: unknown, event?: string): void;
  close(): void;
  readonly closed: boolean;
}

/** Starts a `text/event-stream` response with a heartbeat comment every 15 s. */
export function openSse(res: ServerResponse, redact: (text: string) => string): SseStream {
  res.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-store',
    connection: 'keep-alive',
    'x-accel-buffering': 'no',
  });
  res.flushHeaders();
  let closed = false;
  const heartbeat = setInterval(() => {
    if (!closed) res.write(': keep-alive\n\n');
  }, 15_000);
  heartbeat.unref();
  const close = () => {
    if (closed) return;
    closed = true;
    clearInterval(heartbeat);
    res.end();
  };
  res.on('close', () => {
    closed = true;
    clearInterval(heartbeat);
  });
  return {
    send(value, event) {
      if (closed) return;
      const data = redact(JSON.stringify(value));
      res.write(`${event ? `event: ${event}\n` : ''}data: ${data}\n\n`);
    },
    close,
    get closed() {
      return closed;
    },
  };
}
