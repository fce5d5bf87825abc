/**
 * The training loss a progress message states, e.g. `Epoch 1/3 completed, at step 4 (train loss
 * 1.234)` or `Step 10: loss=0.5`; undefined when it states none. Validation losses are skipped.
 */
export function parseLoss(message: string): number | undefined {
  const pattern =
    /(?<!val(?:idation)?[ _]|eval[ _])(?:train(?:ing)?[ _])?loss\b\s*[:=]?\s*(-?\d+(?:\.\d+)?(?:e[-+]?\d+)?)/i;
  const match = pattern.exec(message);
  if (!match?.[1]) return undefined;
  const value = Number(match[1]);
  return Number.isFinite(value) ? value : undefined;
}
