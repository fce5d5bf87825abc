import type { MockRouteHandler, MockRouteOptions } from './mock-route';

/** A route module: what `server.route()` takes, as one value (see `startMockServer({ routes })`). */
export interface MockRouteDefinition {
  /** HTTP method, or `*` for any. */
  method: string;
  /** Path pattern: literal segments, `:name` params, and a trailing `*`. */
  path: string;
  handler: MockRouteHandler;
  options?: MockRouteOptions;
}

/** Identity helper that types a route module. */
export function defineMockRoute(route: MockRouteDefinition): MockRouteDefinition {
  return route;
}
