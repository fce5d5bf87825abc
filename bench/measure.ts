export interface Measurement {
  /** Median wall time of one run, in milliseconds. */
  medianMs: number;
  runs: number;
  /** A fold of what `fn` returned, so the measured work cannot be optimised away. */
  checksum: number;
}

/**
 * Runs `fn` a few times to warm the JIT, then repeatedly until both `minRuns` runs and `minTimeMs`
 * have passed; returns the median run time. `fn` returns a value that is folded into a sink so the
 * work cannot be optimised away.
 */
export function measure(
  fn: () => unknown,
  options: { minRuns?: number; minTimeMs?: number; warmup?: number } = {},
): Measurement {
  const { minRuns = 5, minTimeMs = 1500, warmup = 2 } = options;
  let sink = 0;
  const fold = (value: unknown) => {
    sink ^= typeof value === 'number' ? value : String(value).length;
  };
  for (let i = 0; i < warmup; i++) fold(fn());
  const times: number[] = [];
  const started = performance.now();
  while (times.length < minRuns || performance.now() - started < minTimeMs) {
    const t0 = performance.now();
    fold(fn());
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  const medianMs = times[Math.floor(times.length / 2)] as number;
  return { medianMs, runs: times.length, checksum: sink } satisfies Measurement;
}

/** Throughput in MB/s (10^6 UTF-16 code units per second) for `chars` processed in `ms`. */
export function megabytesPerSecond(chars: number, ms: number): number {
  return chars / 1e6 / (ms / 1000);
}
