import type { DatasetSnapshot, Sample } from '@distillery/core';
import type { SampleStore } from '../store/sample-store';

export interface SplitStats {
  /** Samples of the split still in the store. */
  total: number;
  /** With non-blank reasoning (what `has-reasoning` selects). */
  withReasoning: number;
  /** Rated 4 or 5 stars. */
  highRated: number;
  /** Ids frozen in the split whose sample has since been deleted. */
  missing: number;
}

export interface DatasetStats extends SplitStats {
  splits: Record<string, SplitStats>;
  /** Samples per tag over the whole dataset, most frequent first. */
  tags: Record<string, number>;
}

export const HIGH_RATING = 4;

/** Whether a sample has reasoning to train on: non-blank text, the store's `has_reasoning`. */
export function hasReasoning(sample: Sample): boolean {
  return (sample.reasoning?.text.trim().length ?? 0) > 0;
}

/**
 * Counts over a frozen dataset as the samples are now (ratings and tags can change after the
 * snapshot): total, with reasoning, high-rated, per split and per tag. Reads samples in pages.
 */
export async function datasetStats(
  store: SampleStore,
  dataset: DatasetSnapshot,
  options: { pageSize?: number; signal?: AbortSignal } = {},
): Promise<DatasetStats> {
  const pageSize = options.pageSize ?? 500;
  const empty = (): SplitStats => ({ total: 0, withReasoning: 0, highRated: 0, missing: 0 });
  const overall = empty();
  const splits: Record<string, SplitStats> = {};
  const tags = new Map<string, number>();
  for (const [name, ids] of Object.entries(dataset.splits)) {
    const stats = empty();
    for (let at = 0; at < ids.length; at += pageSize) {
      options.signal?.throwIfAborted();
      const page = ids.slice(at, at + pageSize);
      const samples = await store.getMany(page);
      stats.missing += page.length - samples.length;
      for (const sample of samples) {
        stats.total++;
        if (hasReasoning(sample)) stats.withReasoning++;
        if ((sample.rating ?? 0) >= HIGH_RATING) stats.highRated++;
        for (const tag of new Set(sample.tags)) tags.set(tag, (tags.get(tag) ?? 0) + 1);
      }
    }
    splits[name] = stats;
    overall.total += stats.total;
    overall.withReasoning += stats.withReasoning;
    overall.highRated += stats.highRated;
    overall.missing += stats.missing;
  }
  const sortedTags = Object.fromEntries(
    [...tags].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)),
  );
  return { ...overall, splits, tags: sortedTags };
}
