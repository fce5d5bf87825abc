import { describe, expect, it } from 'vitest';
import { GenerationScheduler } from './generation-scheduler';

/** A promise with its resolve/reject, so a test decides when each item settles. */
function deferred() {
  let resolve!: () => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

describe('GenerationScheduler', () => {
  it('runs every item in order with at most `concurrency` in flight', async () => {
    const started: number[] = [];
    let peak = 0;
    const scheduler: GenerationScheduler<'stop'> = new GenerationScheduler<'stop'>({
      length: 10,
      concurrency: 3,
      stopReason: () => undefined,
      mayLaunch: () => true,
      run: async (index) => {
        started.push(index);
        peak = Math.max(peak, scheduler.inFlight);
        await new Promise((resolve) => setImmediate(resolve));
      },
    });
    expect(await scheduler.run()).toEqual({ stop: undefined, launched: 10 });
    expect(started).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(peak).toBe(3);
  });

  it('stops launching on a stop reason but waits for the started items', async () => {
    const gates = Array.from({ length: 5 }, deferred);
    let stop = false;
    const finished: number[] = [];
    const scheduler = new GenerationScheduler<'budget'>({
      length: 5,
      concurrency: 2,
      stopReason: () => (stop ? 'budget' : undefined),
      mayLaunch: () => true,
      run: async (index) => {
        await gates[index]!.promise;
        finished.push(index);
      },
    });
    const done = scheduler.run();
    stop = true;
    gates[0]!.resolve();
    gates[1]!.resolve();
    expect(await done).toEqual({ stop: 'budget', launched: 2 });
    expect(finished.sort()).toEqual([0, 1]);
  });

  it('a throw is fatal: nothing more starts and the error comes out after the rest settle', async () => {
    const gate = deferred();
    const settled: number[] = [];
    const scheduler = new GenerationScheduler<'never'>({
      length: 6,
      concurrency: 2,
      stopReason: () => undefined,
      mayLaunch: () => true,
      run: async (index) => {
        if (index === 0) throw new Error('disk full');
        await gate.promise;
        settled.push(index);
      },
      onSettled: () => {
        if (scheduler.inFlight === 1) gate.resolve();
      },
    });
    await expect(scheduler.run()).rejects.toThrow('disk full');
    expect(settled).toEqual([1]);
  });
});
