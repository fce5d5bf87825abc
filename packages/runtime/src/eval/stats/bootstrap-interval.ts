import { seededRandom } from '../../dataset/seeded-random';
import { checkConfidence, DEFAULT_CONFIDENCE, type Interval } from './interval';

export interface BootstrapOptions {
  /** Resamples; default 2000. */
  iterations?: number;
  /** Seed of the resampling, so a report is reproducible; default 1. */
  seed?: number;
  confidence?: number;
}

export const DEFAULT_BOOTSTRAP_ITERATIONS = 2000;

/** Linear-interpolation quantile (type 7, R's and numpy's default) of sorted values. */
export function quantileSorted(sorted: readonly number[], q: number): number {
  const position = (sorted.length - 1) * q;
  const below = Math.floor(position);
  const above = Math.ceil(position);
  const low = sorted[below]!;
  return low + (sorted[above]! - low) * (position - below);
}

/**
 * Percentile bootstrap over items: resamples item indices `0..n-1` with replacement and
 * evaluates `statistic` on each resample (given the resampled indices). Resamples where the
 * statistic is undefined (null or not finite) are dropped; when more than half are, there is no
 * interval. The estimate is the statistic on the original items.
 */
export function bootstrapInterval(
  n: number,
  statistic: (indices: readonly number[]) => number | null,
  options: BootstrapOptions = {},
): Interval {
  const confidence = options.confidence ?? DEFAULT_CONFIDENCE;
  checkConfidence(confidence);
  const iterations = options.iterations ?? DEFAULT_BOOTSTRAP_ITERATIONS;
  const method = 'bootstrap-percentile';
  const all = Array.from({ length: n }, (_, i) => i);
  const estimate = n === 0 ? null : statistic(all);
  if (n === 0 || estimate === null || !Number.isFinite(estimate)) {
    return {
      estimate: estimate !== null && Number.isFinite(estimate) ? estimate : null,
      lower: null,
      upper: null,
      confidence,
      method,
    };
  }
  const random = seededRandom(options.seed ?? 1);
  const values: number[] = [];
  const indices = new Array<number>(n);
  for (let it = 0; it < iterations; it++) {
    for (let i = 0; i < n; i++) indices[i] = Math.floor(random() * n);
    const value = statistic(indices);
    if (value !== null && Number.isFinite(value)) values.push(value);
  }
  if (values.length < iterations / 2) return { estimate, lower: null, upper: null, confidence, method };
  values.sort((a, b) => a - b);
  const alpha = 1 - confidence;
  return {
    estimate,
    lower: quantileSorted(values, alpha / 2),
    upper: quantileSorted(values, 1 - alpha / 2),
    confidence,
    method,
  };
}

function meanAt(values: readonly number[], indices: readonly number[]): number {
  let sum = 0;
  for (const i of indices) sum += values[i]!;
  return sum / indices.length;
}

/** The mean of `values` with a seeded percentile-bootstrap interval. */
export function bootstrapMean(values: readonly number[], options: BootstrapOptions = {}): Interval {
  return bootstrapInterval(values.length, (indices) => meanAt(values, indices), options);
}

function checkPaired(a: readonly number[], b: readonly number[]): void {
  if (a.length !== b.length) {
    throw new RangeError(`paired values need the same items: ${a.length} vs ${b.length}`);
  }
}

/**
 * The mean paired difference `a - b` over the same items, with a seeded paired bootstrap
 * interval (items are resampled together, so item difficulty cancels out).
 */
export function bootstrapPairedDifference(
  a: readonly number[],
  b: readonly number[],
  options: BootstrapOptions = {},
): Interval {
  checkPaired(a, b);
  const differences = a.map((value, i) => value - b[i]!);
  return bootstrapInterval(differences.length, (indices) => meanAt(differences, indices), options);
}

/**
 * The ratio of means `mean(a) / mean(b)` over the same items (e.g. the share of the reference's
 * accuracy a candidate retains), with a seeded paired bootstrap interval. Undefined when
 * `mean(b)` is 0.
 */
export function bootstrapPairedRatio(
  a: readonly number[],
  b: readonly number[],
  options: BootstrapOptions = {},
): Interval {
  checkPaired(a, b);
  return bootstrapInterval(
    a.length,
    (indices) => {
      const denominator = meanAt(b, indices);
      return denominator === 0 ? null : meanAt(a, indices) / denominator;
    },
    options,
  );
}
