export interface McNemarResult {
  /** Items the candidate got right and the reference wrong. */
  candidateOnly: number;
  /** Items the reference got right and the candidate wrong. */
  referenceOnly: number;
  /** Two-sided exact p-value; 1 when there are no discordant items. */
  pValue: number;
}

/**
 * McNemar's exact test for paired pass/fail outcomes: under "no difference" each discordant
 * item is a fair coin, so the p-value is the two-sided binomial test of `b` successes in `b + c`
 * trials at 1/2 (R's `binom.test(b, b + c)`, scipy's `binomtest(b, b + c)`). Computed in log
 * space, so thousands of discordant items neither underflow nor lose precision.
 */
export function mcnemarExactTest(candidateOnly: number, referenceOnly: number): McNemarResult {
  for (const count of [candidateOnly, referenceOnly]) {
    if (!Number.isInteger(count) || count < 0) {
      throw new RangeError(`McNemar's test needs non-negative integer counts, got ${count}`);
    }
  }
  const n = candidateOnly + referenceOnly;
  const k = Math.min(candidateOnly, referenceOnly);
  if (n === 0 || candidateOnly === referenceOnly) return { candidateOnly, referenceOnly, pValue: 1 };
  // log P(X = i) for X ~ Binomial(n, 1/2), summed for i = 0..k with log-sum-exp.
  const ln2n = n * Math.LN2;
  let logChoose = 0;
  const terms: number[] = [];
  for (let i = 0; i <= k; i++) {
    if (i > 0) logChoose += Math.log(n - i + 1) - Math.log(i);
    terms.push(logChoose - ln2n);
  }
  const max = Math.max(...terms);
  let sum = 0;
  for (const term of terms) sum += Math.exp(term - max);
  const tail = Math.exp(max + Math.log(sum));
  return { candidateOnly, referenceOnly, pValue: Math.min(1, 2 * tail) };
}
