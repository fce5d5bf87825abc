import { checkConfidence, DEFAULT_CONFIDENCE, type Interval } from './interval';
import { wilsonInterval } from './wilson-interval';

/**
 * The difference of two paired proportions (candidate pass rate minus reference pass rate on the
 * same items) with Newcombe's hybrid score interval for paired data (Newcombe 1998, "Improved
 * confidence intervals for the difference between binomial proportions based on paired data",
 * method 10): Wilson intervals of each proportion combined with the phi correlation of the pairs.
 * It stays inside [-1, 1] and behaves for small n, unlike the Wald interval.
 */
export function pairedProportionDifference(
  candidate: readonly boolean[],
  reference: readonly boolean[],
  confidence = DEFAULT_CONFIDENCE,
): Interval {
  checkConfidence(confidence);
  if (candidate.length !== reference.length) {
    throw new RangeError(`paired outcomes need the same items: ${candidate.length} vs ${reference.length}`);
  }
  const method = 'newcombe-paired';
  const n = candidate.length;
  if (n === 0) return { estimate: null, lower: null, upper: null, confidence, method };
  let both = 0;
  let candidateOnly = 0;
  let referenceOnly = 0;
  for (let i = 0; i < n; i++) {
    if (candidate[i] && reference[i]) both++;
    else if (candidate[i]) candidateOnly++;
    else if (reference[i]) referenceOnly++;
  }
  const neither = n - both - candidateOnly - referenceOnly;
  const p1 = (both + candidateOnly) / n;
  const p2 = (both + referenceOnly) / n;
  const w1 = wilsonInterval(both + candidateOnly, n, confidence);
  const w2 = wilsonInterval(both + referenceOnly, n, confidence);
  const l1 = w1.lower!;
  const u1 = w1.upper!;
  const l2 = w2.lower!;
  const u2 = w2.upper!;
  const marginals =
    (both + candidateOnly) * (referenceOnly + neither) * (both + referenceOnly) * (candidateOnly + neither);
  const phi = marginals === 0 ? 0 : (both * neither - candidateOnly * referenceOnly) / Math.sqrt(marginals);
  const estimate = p1 - p2;
  const dl = Math.sqrt(Math.max(0, (p1 - l1) ** 2 - 2 * phi * (p1 - l1) * (u2 - p2) + (u2 - p2) ** 2));
  const du = Math.sqrt(Math.max(0, (u1 - p1) ** 2 - 2 * phi * (u1 - p1) * (p2 - l2) + (p2 - l2) ** 2));
  return {
    estimate,
    lower: Math.max(-1, estimate - dl),
    upper: Math.min(1, estimate + du),
    confidence,
    method,
  };
}
