import { seededShuffle } from './seeded-random';
import { splitSizes } from './split-sizes';

/**
 * Freezes ids into named splits, reproducibly: the ids are de-duplicated and sorted (by UTF-16
 * code units, independent of locale and of the order the store returned them in), shuffled with
 * `seededShuffle(seed)`, and cut into consecutive runs of `splitSizes` in the order the ratios
 * are given. Same ids + same ratios + same seed ⇒ same splits.
 */
export function assignSplits(
  ids: readonly string[],
  ratios: Readonly<Record<string, number>>,
  seed: number,
): Record<string, string[]> {
  const sorted = [...new Set(ids)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const shuffled = seededShuffle(sorted, seed);
  const names = Object.keys(ratios);
  const sizes = splitSizes(
    shuffled.length,
    names.map((name) => ratios[name]!),
  );
  const splits: Record<string, string[]> = {};
  let at = 0;
  names.forEach((name, i) => {
    splits[name] = shuffled.slice(at, at + sizes[i]!);
    at += sizes[i]!;
  });
  return splits;
}
