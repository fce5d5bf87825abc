export interface WriteLock {
  /** Runs `fn` after every earlier call has settled; calls never overlap. */
  run<T>(fn: () => T | Promise<T>): Promise<T>;
}

/** A FIFO lock: serialises a store's writes and transactions within one process. */
export function createWriteLock(): WriteLock {
  let tail: Promise<unknown> = Promise.resolve();
  return {
    run<T>(fn: () => T | Promise<T>): Promise<T> {
      const result = tail.then(fn);
      tail = result.then(
        () => undefined,
        () => undefined,
      );
      return result;
    },
  };
}
