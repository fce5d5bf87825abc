import type { MockRouteHandler, MockRouteOptions } from './mock-route';

export interface RouteMatch {
  handler: MockRouteHandler;
  options: Required<MockRouteOptions>;
  params: Record<string, string>;
  /** A route of the mock itself (checked against the vendor's spec), not one a test added. */
  builtin: boolean;
}

interface Route {
  method: string;
  segments: string[];
  handler: MockRouteHandler;
  options: Required<MockRouteOptions>;
  builtin: boolean;
}

function splitPath(path: string): string[] {
  return path.split('/').filter((s) => s.length > 0);
}

/**
 * Routes by method and path pattern (`/v1/files/:id`, `/upload/*`). Later routes win over earlier ones,
 * so a test can override a built-in route.
 */
export class Router {
  readonly #routes: Route[] = [];

  add(
    method: string,
    pattern: string,
    handler: MockRouteHandler,
    options: MockRouteOptions = {},
    builtin = false,
  ): void {
    this.#routes.unshift({
      builtin,
      method: method.toUpperCase(),
      segments: splitPath(pattern),
      handler,
      options: { auth: options.auth ?? 'bearer', errorFormat: options.errorFormat ?? 'openai' },
    });
  }

  /** The route for a request, or the reason there is none. */
  match(method: string, path: string): RouteMatch | 'not-found' | 'method-not-allowed' {
    const segments = splitPath(path);
    let pathMatched = false;
    for (const route of this.#routes) {
      const params = matchSegments(route.segments, segments);
      if (!params) continue;
      if (route.method !== method.toUpperCase() && route.method !== '*') {
        pathMatched = true;
        continue;
      }
      return { handler: route.handler, options: route.options, params, builtin: route.builtin };
    }
    return pathMatched ? 'method-not-allowed' : 'not-found';
  }
}

function matchSegments(pattern: string[], segments: string[]): Record<string, string> | null {
  const params: Record<string, string> = {};
  for (let i = 0; i < pattern.length; i++) {
    const p = pattern[i]!;
    if (p === '*' && i === pattern.length - 1) {
      params['*'] = segments.slice(i).map(safeDecode).join('/');
      return params;
    }
    const s = segments[i];
    if (s === undefined) return null;
    if (p.startsWith(':')) params[p.slice(1)] = safeDecode(s);
    else if (p !== s) return null;
  }
  return segments.length === pattern.length ? params : null;
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}
