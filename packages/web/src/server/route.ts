import type { IncomingMessage, ServerResponse } from 'node:http';
import type { WebContext } from './web-context';

export interface RouteRequest {
  ctx: WebContext;
  params: Record<string, string>;
  query: URLSearchParams;
  /** The JSON body (parsed lazily; `{}` when empty). */
  body(): Promise<unknown>;
  req: IncomingMessage;
  res: ServerResponse;
  /** Aborted when the client goes away or the server closes. */
  signal: AbortSignal;
}

/** A route returns a JSON value, or writes the response itself (server-sent events) and returns nothing. */
export type RouteHandler = (request: RouteRequest) => Promise<unknown> | unknown;

export interface Route {
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  /** Literal segments and `:params`, e.g. `/api/samples/:id`. */
  path: string;
  handler: RouteHandler;
}

/** Finds the route for a method and path, with its decoded params; `allowed` lists methods for a 405. */
export function matchRoute(
  routes: readonly Route[],
  method: string,
  pathname: string,
): { route: Route; params: Record<string, string> } | { allowed: string[] } | undefined {
  const parts = pathname.split('/').filter(Boolean);
  const allowed: string[] = [];
  for (const route of routes) {
    const pattern = route.path.split('/').filter(Boolean);
    if (pattern.length !== parts.length) continue;
    const params: Record<string, string> = {};
    let ok = true;
    for (let i = 0; i < pattern.length; i++) {
      const seg = pattern[i]!;
      const part = parts[i]!;
      if (seg.startsWith(':')) {
        try {
          params[seg.slice(1)] = decodeURIComponent(part);
        } catch {
          ok = false;
          break;
        }
      } else if (seg !== part) {
        ok = false;
        break;
      }
    }
    if (!ok) continue;
    if (route.method === method) return { route, params };
    allowed.push(route.method);
  }
  return allowed.length ? { allowed } : undefined;
}
