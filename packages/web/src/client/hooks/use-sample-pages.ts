import { useCallback, useMemo, useRef, useState } from 'react';
import type { SampleListResponse, SampleSummary } from '../../shared/api-types';
import { apiGet } from '../api/api-client';

export const SAMPLE_PAGE_SIZE = 100;

export interface SamplePages {
  /** The row at an index, or undefined while its page is loading. */
  row(index: number): SampleSummary | undefined;
  /** Loads the pages covering rows `start` to `end` (inclusive) that are not loaded yet. */
  ensure(start: number, end: number): void;
  /** The index of a loaded row, or -1 when it is not loaded (or not in this list). */
  indexOf(id: string): number;
  /** Updates a loaded row in place (after tagging or rating). */
  patch(id: string, fields: Partial<SampleSummary>): void;
  /** Pages loaded so far. */
  loadedPages: number;
  error: string | undefined;
}

/**
 * Pages of the sample list for one filter (`filterQuery`, URL parameters): each page is fetched
 * when it scrolls into view, by the previous page's cursor when known (keyset paging, stable while
 * samples are added) or by offset when the user jumps ahead.
 */
export function useSamplePages(filterQuery: string): SamplePages {
  // One cache per filter, created during render: the list's effects (which run before this
  // hook's would) already ask the new filter's cache, so a change that keeps the count the same
  // still loads its rows.
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new filter starts a new cache
  const cache = useMemo(
    () => ({
      pages: new Map<number, SampleSummary[]>(),
      cursors: new Map<number, string>(),
      inflight: new Set<number>(),
    }),
    [filterQuery],
  );
  const current = useRef(cache);
  current.current = cache;
  const [, setVersion] = useState(0);
  const [failure, setFailure] = useState<{ query: string; message: string }>();

  const load = useCallback(
    (page: number) => {
      const { pages, cursors, inflight } = cache;
      if (pages.has(page) || inflight.has(page)) return;
      inflight.add(page);
      const params = new URLSearchParams(filterQuery);
      params.set('limit', String(SAMPLE_PAGE_SIZE));
      const cursor = cursors.get(page);
      if (cursor) params.set('cursor', cursor);
      else if (page > 0) params.set('offset', String(page * SAMPLE_PAGE_SIZE));
      apiGet<SampleListResponse>(`/api/samples?${params}`).then(
        (result) => {
          inflight.delete(page);
          pages.set(page, result.samples);
          if (result.nextCursor) cursors.set(page + 1, result.nextCursor);
          if (current.current === cache) setVersion((v) => v + 1);
        },
        (err: unknown) => {
          inflight.delete(page);
          if (current.current !== cache) return;
          setFailure({ query: filterQuery, message: err instanceof Error ? err.message : String(err) });
        },
      );
    },
    [cache, filterQuery],
  );

  const ensure = useCallback(
    (start: number, end: number) => {
      const first = Math.floor(Math.max(0, start) / SAMPLE_PAGE_SIZE);
      const last = Math.floor(Math.max(0, end) / SAMPLE_PAGE_SIZE);
      for (let page = first; page <= last; page++) load(page);
    },
    [load],
  );

  const row = (index: number) =>
    cache.pages.get(Math.floor(index / SAMPLE_PAGE_SIZE))?.[index % SAMPLE_PAGE_SIZE];

  const patch = useCallback(
    (id: string, fields: Partial<SampleSummary>) => {
      for (const rows of cache.pages.values()) {
        const at = rows.findIndex((r) => r.id === id);
        if (at >= 0) {
          rows[at] = { ...rows[at]!, ...fields };
          setVersion((v) => v + 1);
          return;
        }
      }
    },
    [cache],
  );

  const indexOf = (id: string) => {
    for (const [page, rows] of cache.pages) {
      const at = rows.findIndex((r) => r.id === id);
      if (at >= 0) return page * SAMPLE_PAGE_SIZE + at;
    }
    return -1;
  };

  return {
    row,
    ensure,
    indexOf,
    patch,
    loadedPages: cache.pages.size,
    error: failure?.query === filterQuery ? failure.message : undefined,
  };
}
