import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/** The header every mutating request must carry, with the token from the served page's meta tag. */
export const TOKEN_HEADER = 'x-distill-token';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1', '[::1]']);

export interface RequestGuardOptions {
  /** The host the server is bound to, e.g. `127.0.0.1`. */
  host: string;
  port: number;
  token: string;
}

export interface GuardVerdict {
  status: number;
  message: string;
}

function hostNames(host: string): string[] {
  if (LOOPBACK.has(host)) return ['127.0.0.1', 'localhost', '[::1]'];
  return [host.includes(':') && !host.startsWith('[') ? `[${host}]` : host];
}

function sameBytes(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

/**
 * Protects the local server from other origins. Every request must name the bound host and port
 * in `Host` (a DNS-rebinding page sends its own name); a request with an `Origin` must come from
 * this server; API requests the browser marks as cross-site are refused (an `<img>` on another
 * site cannot poke the API); and every mutating request must carry the per-launch token.
 * Returns undefined when the request may proceed.
 */
export function createRequestGuard(
  options: RequestGuardOptions,
): (req: IncomingMessage, target: { api: boolean }) => GuardVerdict | undefined {
  const hosts = new Set(hostNames(options.host).map((h) => `${h}:${options.port}`));
  const origins = new Set([...hosts].map((h) => `http://${h}`));
  return (req, target) => {
    const host = (req.headers.host ?? '').toLowerCase();
    if (!hosts.has(host)) {
      return {
        status: 421,
        message: `Unexpected Host "${host}": this server answers only to ${[...hosts][0]}.`,
      };
    }
    const origin = req.headers.origin;
    if (origin !== undefined && origin !== 'null' && !origins.has(origin.toLowerCase())) {
      return { status: 403, message: `Requests from ${origin} are not allowed.` };
    }
    if (origin === 'null') return { status: 403, message: 'Requests from an opaque origin are not allowed.' };
    const fetchSite = req.headers['sec-fetch-site'];
    if (target.api && (fetchSite === 'cross-site' || fetchSite === 'same-site')) {
      return { status: 403, message: 'Cross-site requests are not allowed.' };
    }
    const method = (req.method ?? 'GET').toUpperCase();
    if (SAFE_METHODS.has(method)) return undefined;
    const token = req.headers[TOKEN_HEADER];
    if (typeof token !== 'string' || !sameBytes(token, options.token)) {
      return {
        status: 403,
        message: `Missing or wrong ${TOKEN_HEADER} header: reload the page opened by \`distill web\`.`,
      };
    }
    return undefined;
  };
}
