import { useState } from 'react';
import type { FineTuneView } from '../../shared/api-types';
import { apiJson } from '../api/api-client';
import { formatCount, formatDate } from '../format';
import { useApi } from '../hooks/use-api';
import { useFineTuneWatch } from '../hooks/use-fine-tune-watch';
import { Link } from '../router/link';
import { DeployPanel } from './deploy-panel';
import { ErrorBanner } from './error-banner';
import { FineTuneStatusChip } from './fine-tune-status-chip';
import { Icon } from './icon';
import { KeyValues } from './key-values';
import { LossChart } from './loss-chart';
import { StatTile } from './stat-tile';

/** One fine-tune, live: status, progress, loss chart, events; cancel, deploy, try it. */
export function FineTuneDetail({ id }: { id: string }) {
  const stored = useApi<FineTuneView>(`/api/fine-tunes/${encodeURIComponent(id)}`);
  const [changed, setChanged] = useState<FineTuneView>();
  const [error, setError] = useState<Error>();
  const watching = stored.data !== undefined && !stored.data.terminal;
  const live = useFineTuneWatch(id, watching);
  const fineTune = [changed, live.fineTune, stored.data]
    .filter((f): f is FineTuneView => f !== undefined)
    .sort((a, b) => b.statusHistory.length + b.events.length - (a.statusHistory.length + a.events.length))[0];
  if (stored.error) return <ErrorBanner error={stored.error} />;
  if (!fineTune) return <div className="card card-body muted">Loading…</div>;
  const p = fineTune.progress;
  const percent = p.totalSteps
    ? Math.round(((p.step ?? 0) / p.totalSteps) * 100)
    : fineTune.status === 'completed'
      ? 100
      : 0;
  const cancel = async () => {
    setError(undefined);
    try {
      setChanged(await apiJson<FineTuneView>('POST', `/api/fine-tunes/${encodeURIComponent(id)}/cancel`));
    } catch (e) {
      setError(e as Error);
    }
  };
  const model = fineTune.endpoint?.name ?? fineTune.resultModel;
  return (
    <div className="stack" data-testid="fine-tune-detail">
      <section className="card">
        <div className="card-header">
          <div>
            <div className="row">
              <h2>{fineTune.baseModel}</h2>
              <FineTuneStatusChip status={fineTune.status} raw={fineTune.rawStatus} />
              {watching && !fineTune.terminal ? <span className="muted small">live</span> : null}
            </div>
            <div className="muted small">
              {fineTune.id}
              {fineTune.jobId ? ` · job ${fineTune.jobId}` : ''} · {fineTune.backend} · started{' '}
              {formatDate(fineTune.createdAt)}
            </div>
          </div>
          <div className="row">
            {!fineTune.terminal ? (
              <button type="button" className="btn btn-danger" onClick={() => void cancel()}>
                Cancel
              </button>
            ) : null}
            {model ? (
              <Link
                className="btn btn-primary"
                to={`/playground?finetune=${encodeURIComponent(fineTune.id)}`}
              >
                <Icon name="playground" size={13} /> Try it in the playground
              </Link>
            ) : null}
          </div>
        </div>
        <div className="card-body stack">
          <ErrorBanner error={error ?? live.error} />
          {live.retrying && !fineTune.terminal ? (
            <div className="muted small" role="status">
              The provider did not answer the last poll; polling again. ({live.retrying})
            </div>
          ) : null}
          <div className="stats">
            <StatTile
              name="Status"
              value={fineTune.status}
              hint={
                fineTune.rawStatus && fineTune.rawStatus !== fineTune.status ? fineTune.rawStatus : undefined
              }
            />
            <StatTile
              name="Step"
              value={
                p.step !== undefined
                  ? `${formatCount(p.step)}${p.totalSteps ? ` / ${formatCount(p.totalSteps)}` : ''}`
                  : '—'
              }
            />
            <StatTile
              name="Loss"
              value={p.loss !== undefined ? p.loss.toFixed(4) : '—'}
              testId="fine-tune-loss"
            />
            <StatTile name="Events" value={formatCount(fineTune.events.length)} />
          </div>
          <div className="progress">
            <span style={{ width: `${percent}%` }} />
          </div>
          {fineTune.resultModel ? (
            <div className="banner banner-info" data-testid="result-model">
              Model ready: <code>{fineTune.resultModel}</code>
              {fineTune.endpoint ? (
                <>
                  {' '}
                  · endpoint <code>{fineTune.endpoint.name}</code>
                </>
              ) : null}
            </div>
          ) : null}
        </div>
      </section>
      <div className="grid-2" style={{ gridTemplateColumns: 'minmax(0, 1.5fr) minmax(0, 1fr)' }}>
        <section className="card">
          <div className="card-header">
            <h3>Training loss</h3>
          </div>
          <div className="card-body">
            <LossChart events={fineTune.events} {...(p.totalSteps ? { totalSteps: p.totalSteps } : {})} />
          </div>
        </section>
        <section className="card">
          <div className="card-header">
            <h3>Recipe</h3>
          </div>
          <div className="card-body">
            <KeyValues
              items={[
                ['Dataset', fineTune.datasetName ?? fineTune.datasetId],
                [
                  'Splits',
                  `${fineTune.splits.train}${fineTune.splits.validation ? ` + ${fineTune.splits.validation}` : ''}`,
                ],
                ['Strategy', `${fineTune.strategy}${fineTune.layout ? ` (${fineTune.layout})` : ''}`],
                ['Method', fineTune.method === 'lora' ? 'LoRA' : 'full'],
                [
                  'Hyperparameters',
                  Object.entries(fineTune.hyperparameters)
                    .map(([k, v]) => `${k}=${String(v)}`)
                    .join(', ') || 'provider defaults',
                ],
                ['Call flow', `${fineTune.flow}${fineTune.parser ? ` · parser ${fineTune.parser}` : ''}`],
              ]}
            />
          </div>
        </section>
      </div>
      {fineTune.status === 'completed' && !fineTune.endpoint ? (
        <section className="card">
          <div className="card-header">
            <h3>Deploy to a dedicated endpoint</h3>
          </div>
          <div className="card-body">
            <DeployPanel fineTune={fineTune} onDeployed={setChanged} />
          </div>
        </section>
      ) : null}
      <section className="card">
        <div className="card-header">
          <h3>Events</h3>
          <span className="muted small">
            {fineTune.statusHistory
              .map((s) => s.status)
              .filter((s, i, all) => all.indexOf(s) === i)
              .join(' → ')}
          </span>
        </div>
        <div style={{ maxHeight: 320, overflow: 'auto' }}>
          <table className="table" data-testid="fine-tune-events">
            <tbody>
              {[...fineTune.events].reverse().map((e) => (
                <tr key={`${e.at}-${e.type ?? ''}-${e.message}`}>
                  <td className="muted" style={{ width: 170, whiteSpace: 'nowrap' }}>
                    {formatDate(e.at)}
                  </td>
                  <td style={{ width: 80 }}>
                    {e.level !== 'info' ? (
                      <span className={`chip ${e.level === 'error' ? 'chip-danger' : 'chip-warn'}`}>
                        {e.level}
                      </span>
                    ) : null}
                  </td>
                  <td>{e.message}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
    </div>
  );
}
