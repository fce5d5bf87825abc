import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ChatRequestInfo } from './chat-request-info';
import type { MockFault } from './mock-fault';
import type { MockReply } from './mock-reply';
import type { SpecVendor } from './spec/spec-violation';
import type { SseWriter } from './sse-writer';

/** Which provider's error JSON a route answers with (for faults, auth and validation errors). */
export type ErrorFormat = 'openai' | 'anthropic';

/** A route's error format; `auto` means Anthropic's when the request carries `anthropic-version`. */
export type RouteErrorFormat = ErrorFormat | 'auto';

/** How a route authenticates. `bearer`: `Authorization: Bearer <key>`; `anthropic`: `x-api-key` or Bearer. */
export type RouteAuth = 'bearer' | 'anthropic' | 'none';

/**
 * Which provider a server impersonates. `openai`, `together` and `anthropic` serve only that
 * vendor's routes and check every request against its spec; `auto` serves them all and decides per
 * request (by path, then by the official SDK's `User-Agent`).
 */
export type MockFlavor = 'auto' | 'openai' | 'together' | 'anthropic';

export interface MockRouteOptions {
  /** Default `bearer`. */
  auth?: RouteAuth;
  /** Default `openai`. */
  errorFormat?: RouteErrorFormat;
}

/** A plain response: an object `body` is sent as JSON, a string or bytes as-is. */
export interface MockResponse {
  status?: number;
  headers?: Record<string, string>;
  body?: unknown;
}

export interface MockRouteContext {
  method: string;
  path: string;
  query: Record<string, string>;
  /** Named `:params` of the route pattern, and `*` for a trailing wildcard. */
  params: Record<string, string>;
  headers: Record<string, string>;
  /** Parsed JSON when the body is JSON, otherwise the raw text. */
  body: unknown;
  rawBody: Buffer;
  /** The key from `x-api-key` or `Authorization: Bearer`, or null. */
  apiKey: string | null;
  flavor: MockFlavor;
  /** Model ids the server lists. */
  models: readonly string[];
  /** The error format resolved for this request. */
  errorFormat: ErrorFormat;
  /** The fault applying to this request that the route itself must honour (`cut-stream`, `malformed-json`). */
  fault: MockFault | undefined;
  /**
   * The next chat reply: the first scripted one (consumed unless a fault breaks this request), else the
   * `onChat` handler's, else the default echo.
   */
  nextReply(info: ChatRequestInfo): Promise<MockReply>;
  /** The vendor whose spec and rules this request was checked against, if any. */
  vendor: SpecVendor | undefined;
  /** Answer with the provider's error JSON for this route's format. */
  error(status: number, message: string, details?: ErrorDetails): MockResponse;
  /**
   * Refuse a request the real API would refuse: a 400 in the provider's error JSON, recorded as a
   * `rule` violation in `server.violations` (so the test that sent it fails unless it expects it).
   */
  invalid(message: string, details?: ErrorDetails): MockResponse;
  /** Start an SSE response; honours `cut-stream` and `malformed-json` faults. */
  sse(options?: { delayMs?: number; byteChunkSize?: number; headers?: Record<string, string> }): SseWriter;
  req: IncomingMessage;
  res: ServerResponse;
}

export interface ErrorDetails {
  /** OpenAI `type` / Anthropic `error.type`. Default derived from the status. */
  type?: string;
  /** OpenAI only. */
  param?: string | null;
  /** OpenAI only. */
  code?: string | null;
  headers?: Record<string, string>;
}

/** Return a response, or nothing when the handler wrote to `ctx.res` itself (e.g. through `ctx.sse()`). */
export type MockRouteHandler = (
  ctx: MockRouteContext,
) => MockResponse | undefined | Promise<MockResponse | undefined>;
