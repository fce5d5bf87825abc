/** A deterministic, decreasing training loss for step `step` of `total` (with a small wobble). */
export function trainingLoss(step: number, total: number): number {
  const progress = total > 0 ? step / total : 1;
  const wobble = 0.03 * Math.sin(step * 1.7);
  return round(0.35 + 1.65 * Math.exp(-3 * progress) + wobble);
}

/** Validation loss: a little above the training loss. */
export function validationLoss(step: number, total: number): number {
  return round(trainingLoss(step, total) + 0.08);
}

/** A mean token accuracy that rises as the loss falls. */
export function tokenAccuracy(step: number, total: number): number {
  return round(Math.min(0.99, 0.55 + 0.4 * (1 - Math.exp(-3 * (total > 0 ? step / total : 1)))));
}

function round(value: number): number {
  return Math.round(value * 10_000) / 10_000;
}
