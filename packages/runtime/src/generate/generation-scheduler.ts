export interface GenerationSchedulerOptions<Stop extends string> {
  /** How many items there are; `run(index)` is called for each launched one, in order. */
  length: number;
  /** Items running at once. */
  concurrency: number;
  /** Why launching must stop now (checked before each round of launches), or undefined. */
  stopReason(): Stop | undefined;
  /** Whether one more item may start now (targets, budgets), given those in flight. */
  mayLaunch(inFlight: number): boolean;
  /** Works one item. A throw is fatal: nothing more starts, and it is thrown once all have settled. */
  run(index: number): Promise<void>;
  /** After each item settles (for progress). */
  onSettled?(): void;
  /** After a round that launched items (for progress: requests in flight before any answer). */
  onLaunched?(): void;
}

export interface GenerationSchedulerResult<Stop extends string> {
  /** Why launching stopped early, or undefined when it ran out of items or was not allowed more. */
  stop: Stop | 'interrupted' | undefined;
  /** Items launched. */
  launched: number;
}

/**
 * Launches items in order with at most `concurrency` in flight, waking whenever one settles, until
 * the items run out, `mayLaunch` refuses, or `stopReason` gives a reason; always waits for the
 * started ones. A fatal error (a throw from `run`) stops launching and is rethrown at the end.
 */
export class GenerationScheduler<Stop extends string> {
  inFlight = 0;

  constructor(private readonly options: GenerationSchedulerOptions<Stop>) {}

  async run(): Promise<GenerationSchedulerResult<Stop>> {
    const { length, concurrency } = this.options;
    let next = 0;
    let stop: Stop | 'interrupted' | undefined;
    let fatal: { error: unknown } | undefined;
    let wake: () => void = () => {};
    for (;;) {
      const reason = fatal ? 'interrupted' : this.options.stopReason();
      if (reason !== undefined) stop = reason;
      const before = next;
      while (
        stop === undefined &&
        this.inFlight < concurrency &&
        next < length &&
        this.options.mayLaunch(this.inFlight)
      ) {
        const index = next++;
        this.inFlight++;
        void this.options
          .run(index)
          .catch((error: unknown) => {
            fatal ??= { error };
          })
          .finally(() => {
            this.inFlight--;
            this.options.onSettled?.();
            wake();
          });
      }
      if (next > before) this.options.onLaunched?.();
      if (this.inFlight === 0) break;
      await new Promise<void>((resolve) => {
        wake = resolve;
      });
    }
    if (fatal) throw fatal.error;
    return { stop, launched: next };
  }
}
