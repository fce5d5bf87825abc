import type { SampleFacetsResponse } from '../../shared/api-types';
import { FacetButton } from './facet-button';

export interface SampleFacetsProps {
  facets: SampleFacetsResponse | undefined;
  params: URLSearchParams;
  /** Sets (or with null removes) one filter parameter. */
  onSet: (name: string, value: string | null) => void;
  onToggleTag: (tag: string) => void;
}

const RATINGS = [5, 4, 3, 2, 1] as const;

/** The filter sidebar: reasoning, rating, source, model and tags, with counts for the current selection. */
export function SampleFacets({ facets, params, onSet, onToggleTag }: SampleFacetsProps) {
  const hasReasoning = params.get('hasReasoning');
  const minRating = params.get('minRating');
  const source = params.get('source');
  const model = params.get('model');
  const tags = params.getAll('tag');
  const ratingAtLeast = (n: number) =>
    facets ? RATINGS.filter((r) => r >= n).reduce((sum, r) => sum + facets.ratings[`${r}`], 0) : undefined;
  const topTags = facets
    ? Object.entries(facets.tags)
        .sort((a, b) => b[1] - a[1])
        .slice(0, 24)
    : [];
  for (const tag of tags)
    if (!topTags.some(([t]) => t === tag)) topTags.unshift([tag, facets?.tags[tag] ?? 0]);
  const models = facets ? Object.entries(facets.models).sort((a, b) => b[1] - a[1]) : [];
  return (
    <aside className="facets" aria-label="Filters">
      <div>
        <div className="section-title">Reasoning</div>
        <div className="facet-list">
          <FacetButton
            label="All samples"
            count={facets?.total}
            on={!hasReasoning}
            onClick={() => onSet('hasReasoning', null)}
          />
          <FacetButton
            label="With reasoning"
            count={facets?.withReasoning}
            on={hasReasoning === 'true'}
            testId="facet-with-reasoning"
            onClick={() => onSet('hasReasoning', hasReasoning === 'true' ? null : 'true')}
          />
          <FacetButton
            label="Without reasoning"
            count={facets?.withoutReasoning}
            on={hasReasoning === 'false'}
            onClick={() => onSet('hasReasoning', hasReasoning === 'false' ? null : 'false')}
          />
        </div>
      </div>
      <div>
        <div className="section-title">Rating</div>
        <div className="facet-list">
          {RATINGS.map((n) => (
            <FacetButton
              key={n}
              label={n === 5 ? '★★★★★' : `${'★'.repeat(n)} & up`}
              count={ratingAtLeast(n)}
              on={minRating === String(n)}
              testId={`facet-rating-${n}`}
              onClick={() => onSet('minRating', minRating === String(n) ? null : String(n))}
            />
          ))}
          {facets ? (
            <div className="muted small" style={{ padding: '4px 8px' }}>
              {facets.ratings.unrated ?? 0} unrated
            </div>
          ) : null}
        </div>
      </div>
      <div>
        <div className="section-title">Source</div>
        <div className="facet-list">
          {(['import', 'synthetic', 'human'] as const).map((s) => (
            <FacetButton
              key={s}
              label={s === 'import' ? 'Imported' : s === 'synthetic' ? 'Generated' : 'Written by people'}
              count={facets?.sources[s] ?? 0}
              on={source === s}
              testId={`facet-source-${s}`}
              onClick={() => onSet('source', source === s ? null : s)}
            />
          ))}
        </div>
      </div>
      {models.length > 0 || model ? (
        <div>
          <div className="section-title">Teacher model</div>
          <div className="facet-list">
            {models.map(([m, count]) => (
              <FacetButton
                key={m}
                label={m}
                count={count}
                on={model === m}
                onClick={() => onSet('model', model === m ? null : m)}
              />
            ))}
          </div>
        </div>
      ) : null}
      <div>
        <div className="section-title">Tags</div>
        <div className="facet-list">
          {topTags.length === 0 ? (
            <div className="muted small" style={{ padding: '4px 8px' }}>
              No tags yet.
            </div>
          ) : null}
          {topTags.map(([tag, count]) => (
            <FacetButton
              key={tag}
              label={tag}
              count={count}
              on={tags.includes(tag)}
              testId={`facet-tag-${tag}`}
              onClick={() => onToggleTag(tag)}
            />
          ))}
        </div>
      </div>
    </aside>
  );
}
