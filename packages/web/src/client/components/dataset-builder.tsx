import { useMemo, useState } from 'react';
import type {
  CreateDatasetRequest,
  DatasetPlanView,
  DatasetSummaryView,
  SampleFilter,
} from '../../shared/api-types';
import { apiJson } from '../api/api-client';
import { checkSplitPercentages } from '../check-split-percentages';
import { formatCount } from '../format';
import { useProject } from '../hooks/project-context';
import { useApi } from '../hooks/use-api';
import { ErrorBanner } from './error-banner';
import { StatTile } from './stat-tile';
import { TagBars } from './tag-bars';

export interface DatasetBuilderProps {
  onCreated: (dataset: DatasetSummaryView) => void;
}

interface Splits {
  train: string;
  val: string;
  test: string;
}

/** Build a snapshot from filters and split sizes, with live counts and the warnings a reasoning strategy would give. */
export function DatasetBuilder({ onCreated }: DatasetBuilderProps) {
  const project = useProject();
  const [taskId, setTaskId] = useState(project.tasks[0]?.id ?? '');
  const [name, setName] = useState('');
  const [hasReasoning, setHasReasoning] = useState(true);
  const [minRating, setMinRating] = useState('');
  const [tags, setTags] = useState<string[]>([]);
  const [source, setSource] = useState('');
  const [splits, setSplits] = useState<Splits>({ train: '80', val: '10', test: '10' });
  const [seed, setSeed] = useState('');
  const [error, setError] = useState<Error>();
  const [busy, setBusy] = useState(false);

  const filter: SampleFilter = useMemo(
    () => ({
      ...(hasReasoning ? { hasReasoning: true } : {}),
      ...(minRating ? { minRating: Number(minRating) } : {}),
      ...(tags.length ? { tags } : {}),
      ...(source ? { source: source as SampleFilter['source'] } : {}),
    }),
    [hasReasoning, minRating, tags, source],
  );
  const splitCheck = checkSplitPercentages({ ...splits });
  const split = splitCheck.ok ? splitCheck.ratios : {};
  const seedOk = /^\d*$/.test(seed.trim());
  const query = new URLSearchParams({ task: taskId });
  if (filter.hasReasoning) query.set('hasReasoning', 'true');
  if (filter.minRating) query.set('minRating', String(filter.minRating));
  for (const tag of tags) query.append('tag', tag);
  if (filter.source) query.set('source', filter.source);
  query.set(
    'split',
    Object.entries(split)
      .map(([k, v]) => `${k}=${v}`)
      .join(','),
  );
  // No plan is asked for splits that do not add up (the user may be half-way through typing).
  const plan = useApi<DatasetPlanView>(taskId && splitCheck.ok ? `/api/datasets/plan?${query}` : null);
  const allTags = useApi<{ tags: Record<string, number> }>(
    taskId ? `/api/samples/facets?task=${encodeURIComponent(taskId)}` : null,
  );

  const facets = plan.data?.facets;
  const create = async () => {
    setBusy(true);
    setError(undefined);
    try {
      const request: CreateDatasetRequest = {
        taskId,
        name: name.trim(),
        filter,
        split,
        ...(seed.trim() ? { seed: Number(seed) } : {}),
      };
      onCreated(await apiJson<DatasetSummaryView>('POST', '/api/datasets', request));
      setName('');
    } catch (e) {
      setError(e as Error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="card" aria-label="New dataset">
      <div className="card-header">
        <h2>New dataset</h2>
        <button
          type="button"
          className="btn btn-primary"
          disabled={busy || !name.trim() || !splitCheck.ok || !seedOk || !facets?.total || !!plan.error}
          onClick={() => void create()}
        >
          Freeze snapshot
        </button>
      </div>
      <div className="card-body stack">
        <ErrorBanner error={error ?? plan.error} />
        <div className="grid-2" style={{ gridTemplateColumns: 'minmax(0, 1fr) minmax(0, 1.1fr)', gap: 28 }}>
          <div className="form">
            <div className="form-row">
              <div className="field">
                <label className="label" htmlFor="ds-name">
                  Name
                </label>
                <input
                  id="ds-name"
                  className="input"
                  placeholder="gsm8k-r1-v1"
                  value={name}
                  onChange={(e) => setName(e.target.value)}
                />
              </div>
              <div className="field">
                <label className="label" htmlFor="ds-task">
                  Task
                </label>
                <select
                  id="ds-task"
                  className="select"
                  value={taskId}
                  onChange={(e) => setTaskId(e.target.value)}
                >
                  {project.tasks.map((t) => (
                    <option key={t.id} value={t.id}>
                      {t.name}
                    </option>
                  ))}
                </select>
              </div>
            </div>
            <label className="toggle">
              <input
                type="checkbox"
                checked={hasReasoning}
                onChange={(e) => setHasReasoning(e.target.checked)}
              />{' '}
              Only samples with reasoning
            </label>
            <div className="form-row">
              <div className="field">
                <label className="label" htmlFor="ds-rating">
                  Minimum rating
                </label>
                <select
                  id="ds-rating"
                  className="select"
                  value={minRating}
                  onChange={(e) => setMinRating(e.target.value)}
                >
                  <option value="">Any (rated or not)</option>
                  {[5, 4, 3, 2, 1].map((n) => (
                    <option key={n} value={n}>
                      {'★'.repeat(n)} {n < 5 ? '& up' : ''}
                    </option>
                  ))}
                </select>
              </div>
              <div className="field">
                <label className="label" htmlFor="ds-source">
                  Source
                </label>
                <select
                  id="ds-source"
                  className="select"
                  value={source}
                  onChange={(e) => setSource(e.target.value)}
                >
                  <option value="">Any</option>
                  <option value="import">Imported</option>
                  <option value="synthetic">Generated</option>
                  <option value="human">Written by people</option>
                </select>
              </div>
            </div>
            <div className="field">
              <span className="label">Tags (all must match)</span>
              <div className="row" style={{ gap: 6 }}>
                {Object.entries(allTags.data?.tags ?? {})
                  .sort((a, b) => b[1] - a[1])
                  .slice(0, 16)
                  .map(([tag, count]) => (
                    <button
                      key={tag}
                      type="button"
                      className={`chip${tags.includes(tag) ? ' chip-accent' : ''}`}
                      style={{ border: 0, cursor: 'pointer' }}
                      aria-pressed={tags.includes(tag)}
                      onClick={() =>
                        setTags((t) => (t.includes(tag) ? t.filter((x) => x !== tag) : [...t, tag]))
                      }
                    >
                      {tag} · {formatCount(count)}
                    </button>
                  ))}
              </div>
            </div>
            <div className="form-row" style={{ gridTemplateColumns: 'repeat(4, 1fr)' }}>
              {(['train', 'val', 'test'] as const).map((s) => (
                <div className="field" key={s}>
                  <label className="label" htmlFor={`ds-${s}`}>
                    {s} %
                  </label>
                  <input
                    id={`ds-${s}`}
                    className="input"
                    inputMode="decimal"
                    aria-invalid={!splitCheck.ok && (splitCheck.field === s || splitCheck.field === null)}
                    aria-describedby={splitCheck.ok ? undefined : 'ds-split-problem'}
                    value={splits[s]}
                    onChange={(e) => setSplits((x) => ({ ...x, [s]: e.target.value }))}
                  />
                </div>
              ))}
              <div className="field">
                <label className="label" htmlFor="ds-seed">
                  Seed
                </label>
                <input
                  id="ds-seed"
                  className="input"
                  inputMode="numeric"
                  placeholder="random"
                  aria-invalid={!seedOk}
                  value={seed}
                  onChange={(e) => setSeed(e.target.value)}
                />
              </div>
            </div>
            {seedOk ? null : (
              <div className="field-error" role="alert">
                The seed is a whole number (0 or more), or blank for a random one.
              </div>
            )}
            {splitCheck.ok ? null : (
              <div className="field-error" id="ds-split-problem" role="alert" data-testid="split-problem">
                {splitCheck.problem}
              </div>
            )}
          </div>
          <div className="stack" data-testid="dataset-plan">
            <div className="stats">
              <StatTile name="Samples" value={facets ? formatCount(facets.total) : '…'} testId="plan-total" />
              <StatTile name="With reasoning" value={facets ? formatCount(facets.withReasoning) : '…'} />
              <StatTile name="Rated 4★ or more" value={plan.data ? formatCount(plan.data.highRated) : '…'} />
            </div>
            <div className="row" style={{ gap: 8 }}>
              {Object.entries(plan.data?.splitSizes ?? {}).map(([s, n]) => (
                <span key={s} className="chip" data-testid={`plan-split-${s}`}>
                  {s}: <b>{formatCount(n)}</b>
                </span>
              ))}
              {plan.data?.filterExpression ? (
                <code className="muted small">{plan.data.filterExpression}</code>
              ) : null}
            </div>
            {plan.data?.warnings.map((w) => (
              <div key={w} className="banner banner-warn small" data-testid="plan-warning">
                {w}
              </div>
            ))}
            <div>
              <div className="section-title">Tags in the selection</div>
              <TagBars tags={facets?.tags ?? {}} total={facets?.total ?? 0} limit={6} />
            </div>
          </div>
        </div>
      </div>
    </section>
  );
}
