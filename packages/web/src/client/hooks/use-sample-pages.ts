import { useCallback, useEffect, useRef, useState } from 'react';
import type { SampleListResponse, SampleSummary } from '../../shared/api-types';
import { apiGet } from '../api/api-client';

export const SAMPLE_PAGE_SIZE = 100;

export interface SamplePages {
  /** The row at an index, or undefined while its page is loading. */
  row(index: number): SampleSummary | undefined;
  /** Loads the pages covering rows `start` to `end` (inclusive) that are not loaded yet. */
  ensure(start: number, end: number): void;
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
  const pages = useRef(new Map<number, SampleSummary[]>());
  const cursors = useRef(new Map<number, string>());
  const inflight = useRef(new Set<number>());
  const generation = useRef(0);
  const [, setVersion] = useState(0);
  const [error, setError] = useState<string>();

  // biome-ignore lint/correctness/useExhaustiveDependencies: a new filter starts over
  useEffect(() => {
    generation.current++;
    pages.current = new Map();
    cursors.current = new Map();
    inflight.current = new Set();
    setError(undefined);
    setVersion((v) => v + 1);
  }, [filterQuery]);

  const load = useCallback(
    (page: number) => {
      if (pages.current.has(page) || inflight.current.has(page)) return;
      inflight.current.add(page);
      const gen = generation.current;
      const params = new URLSearchParams(filterQuery);
      params.set('limit', String(SAMPLE_PAGE_SIZE));
      const cursor = cursors.current.get(page);
      if (cursor) params.set('cursor', cursor);
      else if (page > 0) params.set('offset', String(page * SAMPLE_PAGE_SIZE));
      apiGet<SampleListResponse>(`/api/samples?${params}`).then(
        (result) => {
          if (gen !== generation.current) return;
          inflight.current.delete(page);
          pages.current.set(page, result.samples);
          if (result.nextCursor) cursors.current.set(page + 1, result.nextCursor);
          setVersion((v) => v + 1);
        },
        (err: unknown) => {
          if (gen !== generation.current) return;
          inflight.current.delete(page);
          setError(err instanceof Error ? err.message : String(err));
        },
      );
    },
    [filterQuery],
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
    pages.current.get(Math.floor(index / SAMPLE_PAGE_SIZE))?.[index % SAMPLE_PAGE_SIZE];

  const patch = useCallback((id: string, fields: Partial<SampleSummary>) => {
    for (const rows of pages.current.values()) {
      const at = rows.findIndex((r) => r.id === id);
      if (at >= 0) {
        rows[at] = { ...rows[at]!, ...fields };
        setVersion((v) => v + 1);
        return;
      }
    }
  }, []);

  return { row, ensure, patch, loadedPages: pages.current.size, error };
}
