import { useState } from 'react';
import type { DatasetCheckView, DatasetDetailView, ExportFormatView } from '../../shared/api-types';
import { apiJson } from '../api/api-client';
import { SegmentedControl } from '../components/segmented-control';
import { formatCount, formatDate } from '../format';
import { useApi } from '../hooks/use-api';
import { Link } from '../router/link';
import { CheckReportView } from './check-report-view';
import { ErrorBanner } from './error-banner';
import { StatTile } from './stat-tile';
import { TagBars } from './tag-bars';

/** One frozen dataset: counts per split and tag, and export + check of a split for a strategy and format. */
export function DatasetDetail({ id }: { id: string }) {
  const detail = useApi<DatasetDetailView>(`/api/datasets/${encodeURIComponent(id)}`);
  const formats = useApi<ExportFormatView[]>('/api/datasets/formats');
  const [split, setSplit] = useState('train');
  const [strategy, setStrategy] = useState<'reasoning' | 'final-only'>('reasoning');
  const [format, setFormat] = useState('together');
  const [model, setModel] = useState('');
  const [result, setResult] = useState<DatasetCheckView>();
  const [error, setError] = useState<Error>();
  const [busy, setBusy] = useState(false);

  if (detail.error) return <ErrorBanner error={detail.error} />;
  if (!detail.data) return <div className="card card-body muted">Counting…</div>;
  const { dataset, stats } = detail.data;

  const check = async () => {
    setBusy(true);
    setError(undefined);
    setResult(undefined);
    try {
      setResult(
        await apiJson<DatasetCheckView>('POST', `/api/datasets/${encodeURIComponent(id)}/check`, {
          split,
          strategy,
          format,
          ...(model ? { model } : {}),
        }),
      );
    } catch (e) {
      setError(e as Error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="stack" data-testid="dataset-detail">
      <section className="card">
        <div className="card-header">
          <div>
            <h2>{dataset.name}</h2>
            <div className="muted small">
              {dataset.taskId} · {dataset.filterExpression || 'all samples'} · seed {dataset.seed} ·{' '}
              {formatDate(dataset.createdAt)}
            </div>
          </div>
          <Link className="btn btn-primary" to={`/fine-tunes?dataset=${encodeURIComponent(dataset.id)}`}>
            Fine-tune on it
          </Link>
        </div>
        <div className="card-body stack">
          <div className="stats">
            <StatTile name="Samples" value={formatCount(stats.total)} testId="dataset-total" />
            <StatTile name="With reasoning" value={formatCount(stats.withReasoning)} />
            <StatTile name="Rated 4★ or more" value={formatCount(stats.highRated)} />
            {stats.missing ? <StatTile name="Deleted since" value={formatCount(stats.missing)} /> : null}
          </div>
          <div className="grid-2">
            <table className="table">
              <thead>
                <tr>
                  <th>Split</th>
                  <th className="num">Share</th>
                  <th className="num">Samples</th>
                  <th className="num">With reasoning</th>
                  <th className="num">4★+</th>
                </tr>
              </thead>
              <tbody>
                {Object.entries(stats.splits).map(([name, s]) => (
                  <tr key={name}>
                    <td style={{ fontWeight: 550 }}>{name}</td>
                    <td className="num">{Math.round((dataset.splitRatios[name] ?? 0) * 100)}%</td>
                    <td className="num">{formatCount(s.total)}</td>
                    <td className="num">{formatCount(s.withReasoning)}</td>
                    <td className="num">{formatCount(s.highRated)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            <div>
              <div className="section-title">Tags</div>
              <TagBars tags={stats.tags} total={stats.total} limit={6} />
            </div>
          </div>
        </div>
      </section>
      <section className="card">
        <div className="card-header">
          <h2>Export and check</h2>
          <button type="button" className="btn btn-primary" disabled={busy} onClick={() => void check()}>
            {busy ? 'Checking…' : 'Export and check'}
          </button>
        </div>
        <div className="card-body stack">
          <div className="form-row" style={{ gridTemplateColumns: '1fr 1.2fr 1.4fr 1.4fr' }}>
            <div className="field">
              <label className="label" htmlFor="ck-split">
                Split
              </label>
              <select
                id="ck-split"
                className="select"
                value={split}
                onChange={(e) => setSplit(e.target.value)}
              >
                {Object.keys(dataset.splitSizes).map((s) => (
                  <option key={s} value={s}>
                    {s} ({formatCount(dataset.splitSizes[s]!)})
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <span className="label">Strategy</span>
              <SegmentedControl
                label="Strategy"
                options={[
                  { value: 'reasoning', label: 'Reasoning' },
                  { value: 'final-only', label: 'Final only' },
                ]}
                value={strategy}
                onChange={setStrategy}
              />
            </div>
            <div className="field">
              <label className="label" htmlFor="ck-format">
                Format
              </label>
              <select
                id="ck-format"
                className="select"
                value={format}
                onChange={(e) => setFormat(e.target.value)}
              >
                {formats.data?.map((f) => (
                  <option key={f.id} value={f.id} title={f.description}>
                    {f.id}
                    {f.checkBackend ? ` (checked as ${f.checkBackend})` : ''}
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label className="label" htmlFor="ck-model">
                Base model (for length lint)
              </label>
              <input
                id="ck-model"
                className="input"
                placeholder="optional"
                value={model}
                onChange={(e) => setModel(e.target.value)}
              />
            </div>
          </div>
          <p className="muted small" style={{ margin: 0 }}>
            {formats.data?.find((f) => f.id === format)?.description}
          </p>
          <ErrorBanner error={error} />
          {result ? <CheckReportView result={result} /> : null}
        </div>
      </section>
    </div>
  );
}
