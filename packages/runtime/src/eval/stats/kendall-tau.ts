import { checkConfidence, DEFAULT_CONFIDENCE, type Interval } from './interval';
import { twoSidedZ } from './normal-quantile';

/**
 * Kendall's tau-b (adjusted for ties, as scipy's `kendalltau` and R's `cor(method = "kendall")`
 * compute it), for a judge's scores against human ratings. The interval is Fisher's z transform
 * with the Fieller, Hartley and Pearson (1957) variance `0.437 / (n - 4)`; it needs n > 4.
 * O(n^2) pairs, fine for the few hundred rated items calibration uses. Null when either side is
 * constant.
 */
export function kendallTau(
  x: readonly number[],
  y: readonly number[],
  confidence = DEFAULT_CONFIDENCE,
): Interval {
  checkConfidence(confidence);
  if (x.length !== y.length) throw new RangeError(`tau needs paired values: ${x.length} vs ${y.length}`);
  const n = x.length;
  const method = 'tau-b-fisher-z';
  let concordant = 0;
  let discordant = 0;
  let tiedX = 0;
  let tiedY = 0;
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const dx = Math.sign(x[i]! - x[j]!);
      const dy = Math.sign(y[i]! - y[j]!);
      if (dx === 0 && dy === 0) continue;
      if (dx === 0) tiedX++;
      else if (dy === 0) tiedY++;
      else if (dx === dy) concordant++;
      else discordant++;
    }
  }
  const denominator = Math.sqrt((concordant + discordant + tiedX) * (concordant + discordant + tiedY));
  if (denominator === 0) return { estimate: null, lower: null, upper: null, confidence, method };
  const tau = (concordant - discordant) / denominator;
  if (n <= 4 || Math.abs(tau) === 1) return { estimate: tau, lower: null, upper: null, confidence, method };
  const z = Math.atanh(tau);
  const half = twoSidedZ(confidence) * Math.sqrt(0.437 / (n - 4));
  return { estimate: tau, lower: Math.tanh(z - half), upper: Math.tanh(z + half), confidence, method };
}
