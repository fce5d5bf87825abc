import type { MockFault } from './mock-fault';

interface QueuedFault {
  fault: MockFault;
  remaining: number;
}

/** Faults in FIFO order; each request takes at most one, the first that matches it. */
export class FaultQueue {
  #queue: QueuedFault[] = [];

  push(...faults: MockFault[]): void {
    for (const fault of faults) {
      const times = fault.times ?? 1;
      if (!(times > 0)) throw new RangeError(`fault.times must be positive, got ${times}`);
      this.#queue.push({ fault, remaining: times });
    }
  }

  /**
   * Take the first fault matching a request. `cut-stream` only matches streaming requests.
   */
  take(path: string, streaming: boolean, method = 'GET'): MockFault | undefined {
    const index = this.#queue.findIndex(({ fault }) => {
      if (fault.path !== undefined && !path.includes(fault.path)) return false;
      if (fault.method !== undefined && fault.method.toUpperCase() !== method) return false;
      if (fault.type === 'cut-stream' && !streaming) return false;
      return true;
    });
    if (index < 0) return undefined;
    const entry = this.#queue[index]!;
    entry.remaining--;
    if (entry.remaining <= 0) this.#queue.splice(index, 1);
    return entry.fault;
  }

  /** Faults not yet used up. */
  get pending(): readonly MockFault[] {
    return this.#queue.map((q) => q.fault);
  }

  clear(): void {
    this.#queue = [];
  }
}
