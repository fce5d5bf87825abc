/**
 * How much earlier than the client's clock a server may stamp an object it made: its clock may run
 * a little behind ours, and it writes `created_at` in whole seconds. A small allowance, so that a
 * reconcile never takes an object made well before the attempt it reconciles.
 */
export const CLOCK_SKEW_MS = 30_000;

/**
 * Whether an object the provider lists may have been made by a create attempt that began at
 * `since` (ms, read just before the attempt was sent): its `created_at` (unix seconds or an ISO
 * string, as the API spells it) is no earlier than `since` minus the clock-skew allowance. An
 * unreadable timestamp does not count as made since.
 */
export function createdSince(createdAt: unknown, since: number): boolean {
  const ms =
    typeof createdAt === 'number'
      ? createdAt * 1000
      : typeof createdAt === 'string'
        ? Date.parse(createdAt)
        : Number.NaN;
  return Number.isFinite(ms) && ms >= since - CLOCK_SKEW_MS;
}
