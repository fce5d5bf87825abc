import type { IncomingMessage } from 'node:http';
import { HttpError } from './http-error';

const MAX_BODY_BYTES = 2 * 1024 * 1024;

/** Reads a JSON request body (at most 2 MiB); `{}` when empty. */
export async function readJsonBody(req: IncomingMessage): Promise<unknown> {
  const type = req.headers['content-type'] ?? '';
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new HttpError(413, 'Request body too large (2 MiB at most).');
    chunks.push(chunk as Buffer);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  if (text.trim() === '') return {};
  if (!type.includes('application/json')) {
    throw new HttpError(415, 'Send the request body as JSON (Content-Type: application/json).');
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new HttpError(400, 'The request body is not valid JSON.');
  }
}
