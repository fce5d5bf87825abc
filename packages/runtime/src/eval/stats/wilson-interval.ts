import { checkConfidence, DEFAULT_CONFIDENCE, type Interval } from './interval';
import { twoSidedZ } from './normal-quantile';

/**
 * The Wilson score interval for a binomial proportion (Wilson 1927): well behaved near 0 and 1
 * and for small n, where the normal (Wald) interval collapses or leaves [0, 1].
 */
export function wilsonInterval(successes: number, n: number, confidence = DEFAULT_CONFIDENCE): Interval {
  checkConfidence(confidence);
  if (!Number.isInteger(successes) || !Number.isInteger(n) || successes < 0 || successes > n) {
    throw new RangeError(`wilsonInterval needs integers 0 <= successes <= n, got ${successes} of ${n}`);
  }
  if (n === 0) return { estimate: null, lower: null, upper: null, confidence, method: 'wilson' };
  const z = twoSidedZ(confidence);
  const p = successes / n;
  const z2 = z * z;
  const denominator = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / denominator;
  const half = (z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / denominator;
  return {
    estimate: p,
    // At 0 and n successes the limit is exactly 0 (or 1); float noise would leave 1e-17.
    lower: successes === 0 ? 0 : Math.max(0, centre - half),
    upper: successes === n ? 1 : Math.min(1, centre + half),
    confidence,
    method: 'wilson',
  };
}
