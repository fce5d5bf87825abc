/**
 * Exact split sizes for `total` items by the largest-remainder method: each split gets the floor
 * of its share, and the items left over go one each to the splits with the largest fractional
 * remainders (ties to the split named first). Sizes always add up to `total`. Ratios are
 * normalised by their sum.
 */
export function splitSizes(total: number, ratios: readonly number[]): number[] {
  const sum = ratios.reduce((a, b) => a + b, 0);
  if (ratios.length === 0 || sum <= 0) return ratios.map(() => 0);
  const quotas = ratios.map((r) => (r / sum) * total);
  const sizes = quotas.map((q) => Math.floor(q));
  let left = total - sizes.reduce((a, b) => a + b, 0);
  const order = quotas
    .map((q, index) => ({ index, remainder: q - sizes[index]! }))
    .filter((entry) => ratios[entry.index]! > 0)
    .sort((a, b) => b.remainder - a.remainder || a.index - b.index);
  for (let k = 0; left > 0 && order.length > 0; k = (k + 1) % order.length, left--) {
    sizes[order[k]!.index]!++;
  }
  return sizes;
}
