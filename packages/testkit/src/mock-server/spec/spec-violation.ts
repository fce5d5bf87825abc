/** Whose API a request was checked against. */
export type SpecVendor = 'openai' | 'together' | 'anthropic';

/**
 * A request the real API would refuse (or a mock response the real API would never send), as the
 * mock server recorded it. A test that expects one takes it with `server.takeViolations()`.
 */
export interface SpecViolation {
  vendor: SpecVendor;
  /** `body` or `query` of a request, a provider `rule` beyond the schema, or the mock's own `response`. */
  part: 'body' | 'query' | 'rule' | 'response';
  method: string;
  /** The request path as received. */
  path: string;
  /** The operation in the vendor's spec, e.g. `POST /fine-tunes`. */
  operation: string;
  /** The first problem, worded as the API words it (the 400 the mock answered carries it). */
  message: string;
  /** Every problem found, one line each (`where: what`). */
  problems: string[];
}

/** One line per violation, for a failing test's message. */
export function formatViolations(violations: readonly SpecViolation[]): string {
  return violations
    .map(
      (v) =>
        `${v.vendor} ${v.operation} (${v.method} ${v.path}) ${v.part}: ${v.message}` +
        (v.problems.length > 1 ? `\n    ${v.problems.join('\n    ')}` : ''),
    )
    .join('\n');
}
