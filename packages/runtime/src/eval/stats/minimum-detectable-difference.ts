import { normalQuantile } from './normal-quantile';

export interface MinimumDetectableDifferenceOptions {
  /** Items compared (pairs). */
  n: number;
  /** Standard deviation of the per-item paired differences. */
  sdOfDifferences: number;
  /** Two-sided significance level; default 0.05. */
  alpha?: number;
  /** Power; default 0.8. */
  power?: number;
}

/**
 * The smallest true mean difference a paired comparison of `n` items detects with the given
 * power at two-sided level alpha, by the normal approximation:
 * `(z(1 - alpha/2) + z(power)) * sd / sqrt(n)` (about 2.8 sd / sqrt(n) at the defaults).
 * For pass/fail items `sd` is the spread of the -1/0/+1 differences, which grows with how often
 * the two candidates disagree. Null when n is 0.
 */
export function minimumDetectableDifference(options: MinimumDetectableDifferenceOptions): number | null {
  const { n, sdOfDifferences } = options;
  const alpha = options.alpha ?? 0.05;
  const power = options.power ?? 0.8;
  if (n <= 0) return null;
  if (!(sdOfDifferences >= 0)) throw new RangeError(`sdOfDifferences must be >= 0, got ${sdOfDifferences}`);
  return ((normalQuantile(1 - alpha / 2) + normalQuantile(power)) * sdOfDifferences) / Math.sqrt(n);
}

/** The sample standard deviation (n - 1 denominator); 0 for fewer than two values. */
export function sampleStandardDeviation(values: readonly number[]): number {
  const n = values.length;
  if (n < 2) return 0;
  const mean = values.reduce((sum, v) => sum + v, 0) / n;
  let squares = 0;
  for (const v of values) squares += (v - mean) ** 2;
  return Math.sqrt(squares / (n - 1));
}
