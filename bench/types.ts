/** One measured figure. Figures are compared as ratios against a baseline measured in the same run. */
export interface BenchResult {
  /** What was measured, e.g. `deepseek-r1 streamed, 16-char chunks`. */
  name: string;
  /** The measured value, higher is better for throughput units. */
  value: number;
  unit: string;
  /** The name of the result in the same run this one is compared with; absent for a baseline. */
  baseline?: string;
  /** value / baseline value. */
  ratio?: number;
  /** Extra facts: input size, runs, chunk count. */
  details?: Record<string, number | string>;
}

/** What a `bench/*.bench.ts` file default-exports. */
export interface BenchSuite {
  name: string;
  run(): Promise<BenchResult[]>;
}
