interface FaultTarget {
  /** Only requests whose path contains this substring match. Default: every request. */
  path?: string;
  /** Only requests with this HTTP method (e.g. `POST`) match. Default: any. */
  method?: string;
  /** How many matching requests this fault applies to. Default 1; `Infinity` for all. */
  times?: number;
}

/**
 * A failure injected into the next matching request (FIFO; one fault per request). Faults apply on every
 * route, before authentication and validation, and never consume a scripted reply, so a retry gets it.
 */
export type MockFault = FaultTarget &
  (
    | { type: 'latency'; ms: number }
    | {
        type: 'rate-limit';
        /** `retry-after` header; default 1 (or `retryAfterMs` rounded up). */
        retryAfterSeconds?: number;
        /** `retry-after-ms` header (honoured by the OpenAI and Anthropic SDKs). */
        retryAfterMs?: number;
      }
    | {
        type: 'server-error';
        /** Default 500. */
        status?: 500 | 502 | 503 | 529;
        /** Optional `retry-after` header. */
        retryAfterSeconds?: number;
        /** Optional `retry-after-ms` header (e.g. 0 to make SDK retries instant in tests). */
        retryAfterMs?: number;
        /**
         * Answer the error only after the route has done its work (a job created, a file stored,
         * an endpoint started): the failure whose outcome a client cannot know. Default false
         * (the request is refused before anything happens).
         */
        afterHandling?: boolean;
      }
    | { type: 'drop-connection' }
    | {
        type: 'cut-stream';
        /** SSE events written before the socket is cut. */
        afterChunks: number;
        /** `destroy` (default) resets the socket; `end` closes the response cleanly without a terminator. */
        mode?: 'destroy' | 'end';
      }
    | { type: 'malformed-json' }
  );

export type MockFaultType = MockFault['type'];
