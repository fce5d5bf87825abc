/**
 * A point estimate with a two-sided confidence interval. `method` names how the interval was
 * computed, so a report can say it (e.g. `wilson`, `bootstrap-percentile`, `newcombe-paired`).
 * `lower`/`upper` are null when the data cannot support an interval (no items, a zero
 * denominator); `estimate` is null when the quantity itself is undefined.
 */
export interface Interval {
  estimate: number | null;
  lower: number | null;
  upper: number | null;
  /** e.g. 0.95 */
  confidence: number;
  method: string;
}

/** The default confidence level of every interval in a report. */
export const DEFAULT_CONFIDENCE = 0.95;

export function checkConfidence(confidence: number): void {
  if (!(confidence > 0 && confidence < 1)) {
    throw new RangeError(`confidence must be between 0 and 1 (exclusive), got ${confidence}`);
  }
}
