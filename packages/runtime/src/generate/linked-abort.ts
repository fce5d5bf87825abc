/** A run's own abort controller, aborted with the caller's signal; `unlink` when the run ends. */
export interface LinkedAbort {
  controller: AbortController;
  signal: AbortSignal;
  unlink(): void;
}

/**
 * Links a run's controller to the caller's signal (already aborted: aborted at once). The run can
 * abort its own controller without touching the caller's.
 */
export function linkedAbort(parent: AbortSignal | undefined): LinkedAbort {
  const controller = new AbortController();
  const onAbort = () => controller.abort(parent?.reason);
  if (parent?.aborted) onAbort();
  else parent?.addEventListener('abort', onAbort, { once: true });
  return {
    controller,
    signal: controller.signal,
    unlink: () => parent?.removeEventListener('abort', onAbort),
  };
}
