import type { Usage } from '@distillery/core';

/** A snapshot of a running generation, for progress displays. */
export interface GenerationProgress {
  phase: 'topics' | 'generating' | 'finishing';
  jobId: string | null;
  /** Topic-tree calls done and planned (phase `topics`). */
  topics?: { done: number; total: number };
  /** Samples this run means to produce. */
  planned: number;
  generated: number;
  failed: number;
  inFlight: number;
  elapsedMs: number;
  /** Samples per second since generation started (0 before the first). */
  ratePerSecond: number;
  /** Estimated time left, or null before the first sample. */
  etaMs: number | null;
  usage: Usage;
  /** Dollars spent by this run (topic tree included), or null when a price is unknown. */
  costUsd: number | null;
}
