import { randomBytes } from 'node:crypto';

/** A fresh random token for one launch of the server (256 bits, URL-safe). */
export function createLaunchToken(): string {
  return randomBytes(32).toString('base64url');
}
