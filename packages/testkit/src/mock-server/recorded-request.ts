/** One request as the mock server received it. */
export interface RecordedRequest {
  method: string;
  /** The path without the query string. */
  path: string;
  query: Record<string, string>;
  /** Header names lower-cased; values as received (repeated headers joined with ', '). */
  headers: Record<string, string>;
  /** Parsed JSON when the body is JSON, otherwise the raw text ('' when empty). */
  body: unknown;
  /** Milliseconds since the epoch when the request arrived. */
  at: number;
  /** The fault applied to this request, if any. */
  fault?: string;
}
