import { createHash } from 'node:crypto';

/**
 * The custom id of one request: deterministic (the same sample key, call of the flow and attempt
 * always give the same id, so a resumed run recognises its requests), unique in practice (a
 * SHA-256 prefix), and within every provider's rule: 1 to 64 characters of `[A-Za-z0-9_-]`.
 */
export function batchCustomId(key: string, call: number, attempt: number): string {
  const digest = createHash('sha256').update(`${key}\n${call}\n${attempt}`).digest('base64url').slice(0, 32);
  return `d${call}a${attempt}-${digest}`;
}
