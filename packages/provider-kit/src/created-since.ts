/**
 * How far before a create's first attempt a listed object may have been made and still be taken as
 * that create's (clocks of client and server differ; a create attempt may run long before failing).
 */
export const RECONCILE_WINDOW_MS = 10 * 60_000;

/**
 * Whether an object the provider lists was made by a create that began at `startedAt` (ms): its
 * `created_at` (unix seconds or an ISO string, as the API spells it) is no earlier than
 * `startedAt` minus the window. An unreadable timestamp does not count as made since.
 */
export function createdSince(createdAt: unknown, startedAt: number): boolean {
  const ms =
    typeof createdAt === 'number'
      ? createdAt * 1000
      : typeof createdAt === 'string'
        ? Date.parse(createdAt)
        : Number.NaN;
  return Number.isFinite(ms) && ms >= startedAt - RECONCILE_WINDOW_MS;
}
