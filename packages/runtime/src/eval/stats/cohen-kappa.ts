import { checkConfidence, DEFAULT_CONFIDENCE, type Interval } from './interval';
import { twoSidedZ } from './normal-quantile';

/**
 * Cohen's kappa: agreement of two raters on the same items beyond chance,
 * `(po - pe) / (1 - pe)`, for any set of categorical labels (pass/fail, 1-5). The interval uses
 * Cohen's (1960) large-sample standard error `sqrt(po (1 - po) / (n (1 - pe)^2))`, clipped to
 * [-1, 1]. Undefined (null) when chance agreement is already perfect (pe = 1).
 */
export function cohenKappa<T>(
  a: readonly T[],
  b: readonly T[],
  confidence = DEFAULT_CONFIDENCE,
): Interval & { observedAgreement: number | null; chanceAgreement: number | null } {
  checkConfidence(confidence);
  if (a.length !== b.length) throw new RangeError(`kappa needs paired ratings: ${a.length} vs ${b.length}`);
  const n = a.length;
  const empty = { estimate: null, lower: null, upper: null, confidence, method: 'cohen-1960' };
  if (n === 0) return { ...empty, observedAgreement: null, chanceAgreement: null };
  const countsA = new Map<T, number>();
  const countsB = new Map<T, number>();
  let agree = 0;
  for (let i = 0; i < n; i++) {
    if (a[i] === b[i]) agree++;
    countsA.set(a[i]!, (countsA.get(a[i]!) ?? 0) + 1);
    countsB.set(b[i]!, (countsB.get(b[i]!) ?? 0) + 1);
  }
  const po = agree / n;
  let pe = 0;
  for (const [label, count] of countsA) pe += (count / n) * ((countsB.get(label) ?? 0) / n);
  if (pe === 1) return { ...empty, observedAgreement: po, chanceAgreement: pe };
  const kappa = (po - pe) / (1 - pe);
  const se = Math.sqrt((po * (1 - po)) / (n * (1 - pe) ** 2));
  const z = twoSidedZ(confidence);
  return {
    estimate: kappa,
    lower: Math.max(-1, kappa - z * se),
    upper: Math.min(1, kappa + z * se),
    confidence,
    method: 'cohen-1960',
    observedAgreement: po,
    chanceAgreement: pe,
  };
}
