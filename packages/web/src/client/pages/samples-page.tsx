import { useCallback, useEffect, useMemo, useState } from 'react';
import type { SampleFacetsResponse } from '../../shared/api-types';
import { EmptyState } from '../components/empty-state';
import { ErrorBanner } from '../components/error-banner';
import { Icon } from '../components/icon';
import { PageHeader } from '../components/page-header';
import { SampleDrawer } from '../components/sample-drawer';
import { SampleFacets } from '../components/sample-facets';
import { SampleList } from '../components/sample-list';
import { SegmentedControl } from '../components/segmented-control';
import { formatCount } from '../format';
import { useProject } from '../hooks/project-context';
import { useApi } from '../hooks/use-api';
import { useSamplePages } from '../hooks/use-sample-pages';
import { navigate } from '../router/navigate';
import { useLocation } from '../router/use-location';

const FILTER_KEYS = ['task', 'hasReasoning', 'tag', 'minRating', 'source', 'model', 'text', 'direction'];

/** The filter part of the URL, in a stable order (the list's identity). */
function filterQuery(search: URLSearchParams): string {
  const out = new URLSearchParams();
  for (const key of FILTER_KEYS) for (const value of search.getAll(key)) if (value) out.append(key, value);
  return out.toString();
}

/** Samples: a virtualised, filterable list over the whole store, and a drawer with one sample. */
export function SamplesPage({ selectedId }: { selectedId: string | undefined }) {
  const project = useProject();
  const { search } = useLocation();
  const query = filterQuery(search);
  const facets = useApi<SampleFacetsResponse>(`/api/samples/facets?${query}`);
  const pages = useSamplePages(query);
  const [text, setText] = useState(search.get('text') ?? '');

  const go = useCallback((params: URLSearchParams, id?: string) => {
    const qs = params.toString();
    navigate(`/samples${id ? `/${encodeURIComponent(id)}` : ''}${qs ? `?${qs}` : ''}`);
  }, []);
  const setParam = useCallback(
    (name: string, value: string | null) => {
      const params = new URLSearchParams(query);
      params.delete(name);
      if (value !== null && value !== '') params.set(name, value);
      go(params, undefined);
    },
    [query, go],
  );
  const toggleTag = (tag: string) => {
    const params = new URLSearchParams(query);
    const tags = params.getAll('tag');
    params.delete('tag');
    for (const t of tags.includes(tag) ? tags.filter((x) => x !== tag) : [...tags, tag])
      params.append('tag', t);
    go(params);
  };

  useEffect(() => {
    const current = new URLSearchParams(query).get('text') ?? '';
    if (text.trim() === current) return;
    const timer = setTimeout(() => setParam('text', text.trim() || null), 300);
    return () => clearTimeout(timer);
  }, [text, query, setParam]);

  const total = facets.data?.total;
  // Next and previous in the drawer walk the list as filtered and sorted.
  const selectedIndex = selectedId ? pages.indexOf(selectedId) : -1;
  const { ensure } = pages;
  useEffect(() => {
    if (selectedIndex >= 0) ensure(selectedIndex - 1, selectedIndex + 1);
  }, [selectedIndex, ensure]);
  const neighbour = (step: number) => {
    const at = selectedIndex + step;
    return selectedIndex < 0 || at < 0 || at >= (total ?? 0) ? undefined : pages.row(at)?.id;
  };
  const previousId = neighbour(-1);
  const nextId = neighbour(1);
  const active = useMemo(
    () => [...new URLSearchParams(query).keys()].filter((k) => k !== 'direction').length,
    [query],
  );
  const direction = search.get('direction') === 'asc' ? 'asc' : 'desc';

  return (
    <div className="page full">
      <PageHeader
        title="Samples"
        description="Every input with its reasoning and final answer, imported or generated. Filter, read, tag and rate."
      />
      <div className="filter-bar">
        <div className="search">
          <Icon name="search" />
          <input
            className="input"
            type="search"
            placeholder="Search inputs, reasoning and answers…"
            aria-label="Search samples"
            value={text}
            onChange={(e) => setText(e.target.value)}
          />
        </div>
        {project.tasks.length > 1 ? (
          <select
            className="select"
            style={{ width: 200 }}
            aria-label="Task"
            value={search.get('task') ?? ''}
            onChange={(e) => setParam('task', e.target.value || null)}
          >
            <option value="">All tasks</option>
            {project.tasks.map((t) => (
              <option key={t.id} value={t.id}>
                {t.name}
              </option>
            ))}
          </select>
        ) : null}
        <SegmentedControl
          label="Order"
          options={[
            { value: 'desc', label: 'Newest' },
            { value: 'asc', label: 'Oldest' },
          ]}
          value={direction === 'asc' ? 'asc' : 'desc'}
          onChange={(value) => setParam('direction', value === 'asc' ? 'asc' : null)}
        />
        {active > 0 ? (
          <button
            type="button"
            className="btn btn-ghost"
            onClick={() => {
              setText('');
              go(new URLSearchParams(direction === 'asc' ? 'direction=asc' : ''));
            }}
          >
            Clear filters
          </button>
        ) : null}
      </div>
      <div className="samples-layout">
        <SampleFacets
          facets={facets.data}
          params={new URLSearchParams(query)}
          onSet={setParam}
          onToggleTag={toggleTag}
        />
        <div className="card list-card">
          <div className="list-head">
            <span data-testid="sample-count">
              {total === undefined ? 'Counting…' : `${formatCount(total)} sample${total === 1 ? '' : 's'}`}
              {active > 0 ? ' match' : ''}
            </span>
            {facets.data && total ? (
              <span>{Math.round((facets.data.withReasoning / total) * 100)}% with reasoning</span>
            ) : null}
          </div>
          <ErrorBanner error={facets.error ?? pages.error} />
          {total === 0 ? (
            <EmptyState title={active ? 'No sample matches these filters' : 'No samples yet'}>
              {active ? (
                'Remove a filter or change the search.'
              ) : (
                <>
                  Import some with <code>distill import data.jsonl --task ID</code>, or generate them on the
                  Generate page.
                </>
              )}
            </EmptyState>
          ) : (
            <SampleList
              total={total ?? 0}
              pages={pages}
              selectedId={selectedId}
              onOpen={(id) => go(new URLSearchParams(query), id)}
            />
          )}
        </div>
      </div>
      {selectedId ? (
        <SampleDrawer
          id={selectedId}
          onClose={() => go(new URLSearchParams(query))}
          onPrevious={previousId ? () => go(new URLSearchParams(query), previousId) : undefined}
          onNext={nextId ? () => go(new URLSearchParams(query), nextId) : undefined}
          position={
            selectedIndex >= 0 && total
              ? `${formatCount(selectedIndex + 1)} of ${formatCount(total)}`
              : undefined
          }
          onChanged={(sample) => {
            pages.patch(sample.id, { tags: sample.tags, rating: sample.rating });
            facets.reload();
          }}
        />
      ) : null}
    </div>
  );
}
