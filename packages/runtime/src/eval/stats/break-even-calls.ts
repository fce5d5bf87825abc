export interface BreakEvenInput {
  /** What training the candidate cost, once (dollars). */
  trainingCost: number;
  /** The candidate's mean cost per call (dollars). */
  candidateCostPerCall: number;
  /** The reference's (teacher's) mean cost per call (dollars). */
  referenceCostPerCall: number;
}

/**
 * The number of calls after which a fine-tune (training cost up front, then its own price per
 * call) has cost less in total than calling the teacher: the smallest integer N with
 * `training + N * candidate < N * reference`. Null when the candidate is not cheaper per call,
 * so it never breaks even. Amounts are compared to a millionth of a cent, so float noise in
 * prices like 0.003 - 0.001 does not move the answer by one.
 */
export function breakEvenCalls(input: BreakEvenInput): number | null {
  const { trainingCost, candidateCostPerCall, referenceCostPerCall } = input;
  for (const [name, value] of Object.entries(input)) {
    if (!(Number.isFinite(value) && value >= 0))
      throw new RangeError(`${name} must be a finite amount >= 0, got ${value}`);
  }
  const saving = referenceCostPerCall - candidateCostPerCall;
  if (saving <= 0) return null;
  const calls = trainingCost / saving;
  const whole = Math.round(calls);
  // A quotient within float noise of a whole number is that number: N calls only tie.
  const atLeast = Math.abs(calls - whole) * saving < 1e-8 ? whole : Math.floor(calls);
  return atLeast + 1;
}
