import type { ServerResponse } from 'node:http';

/** Writes a JSON response with no caching, secrets removed by `redact`. */
export function sendJson(
  res: ServerResponse,
  status: number,
  value: unknown,
  redact: (text: string) => string,
): void {
  const body = redact(JSON.stringify(value ?? null));
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'cache-control': 'no-store',
    'content-length': Buffer.byteLength(body),
  });
  res.end(body);
}
