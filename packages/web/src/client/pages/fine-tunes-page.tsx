import { useState } from 'react';
import type {
  DatasetSummaryView,
  FineTunePlanView,
  FineTuneRequest,
  FineTuneView,
} from '../../shared/api-types';
import { apiJson } from '../api/api-client';
import { EmptyState } from '../components/empty-state';
import { ErrorBanner } from '../components/error-banner';
import { FineTuneDetail } from '../components/fine-tune-detail';
import { FineTuneForm } from '../components/fine-tune-form';
import { FineTunePlanCard } from '../components/fine-tune-plan-card';
import { FineTuneStatusChip } from '../components/fine-tune-status-chip';
import { PageHeader } from '../components/page-header';
import { formatRelative } from '../format';
import { useProject } from '../hooks/project-context';
import { useApi } from '../hooks/use-api';
import { Link } from '../router/link';
import { navigate } from '../router/navigate';
import { useLocation } from '../router/use-location';

/** Fine-tunes: create one from a dataset with a dry-run plan, watch it live, cancel, deploy, try it. */
export function FineTunesPage({ selectedId }: { selectedId: string | undefined }) {
  const project = useProject();
  const { search } = useLocation();
  const fineTunes = useApi<FineTuneView[]>(selectedId ? null : '/api/fine-tunes');
  const datasets = useApi<DatasetSummaryView[]>(selectedId ? null : '/api/datasets');
  const [plan, setPlan] = useState<FineTunePlanView>();
  const [error, setError] = useState<Error>();
  const [busy, setBusy] = useState(false);

  if (selectedId) {
    return (
      <div className="page">
        <PageHeader
          title="Fine-tune"
          description={
            <>
              <Link to="/fine-tunes">Fine-tunes</Link> / {selectedId}
            </>
          }
        />
        <FineTuneDetail id={selectedId} />
      </div>
    );
  }

  const makePlan = async (request: FineTuneRequest) => {
    setBusy(true);
    setError(undefined);
    setPlan(undefined);
    try {
      setPlan(await apiJson<FineTunePlanView>('POST', '/api/fine-tunes/plans', request));
    } catch (e) {
      setError(e as Error);
    } finally {
      setBusy(false);
    }
  };
  const start = async () => {
    if (!plan) return;
    setBusy(true);
    setError(undefined);
    try {
      const record = await apiJson<FineTuneView>('POST', '/api/fine-tunes', { planId: plan.planId });
      navigate(`/fine-tunes/${encodeURIComponent(record.id)}`);
    } catch (e) {
      setError(e as Error);
      setBusy(false);
    }
  };

  return (
    <div className="page">
      <PageHeader
        title="Fine-tunes"
        description="Train a student on a frozen dataset, watch it learn, deploy it, and call it exactly as it was trained."
      />
      <div className="stack">
        <ErrorBanner error={fineTunes.error} />
        <section className="card">
          <div className="card-header">
            <h2>Jobs</h2>
            <span className="muted small">{fineTunes.data?.length ?? 0} in this project</span>
          </div>
          {fineTunes.data?.length === 0 ? (
            <EmptyState title="No fine-tunes yet">Plan one below from a dataset.</EmptyState>
          ) : (
            <table className="table" data-testid="fine-tune-list">
              <thead>
                <tr>
                  <th>Base model</th>
                  <th>Dataset</th>
                  <th>Training</th>
                  <th>Status</th>
                  <th>Result</th>
                  <th>Started</th>
                </tr>
              </thead>
              <tbody>
                {fineTunes.data?.map((f) => (
                  <tr
                    key={f.id}
                    className="clickable"
                    onClick={() => navigate(`/fine-tunes/${encodeURIComponent(f.id)}`)}
                  >
                    <td>
                      <Link to={`/fine-tunes/${encodeURIComponent(f.id)}`}>{f.baseModel}</Link>
                      <div className="muted small">{f.backend}</div>
                    </td>
                    <td>{f.datasetName ?? f.datasetId}</td>
                    <td className="muted">
                      {f.strategy} · {f.method === 'lora' ? 'LoRA' : 'full'}
                    </td>
                    <td>
                      <FineTuneStatusChip status={f.status} raw={f.rawStatus} />
                    </td>
                    <td>
                      {f.resultModel ? (
                        <code className="small">{f.resultModel}</code>
                      ) : (
                        <span className="muted">—</span>
                      )}
                    </td>
                    <td className="muted">{formatRelative(f.createdAt)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
        {project.backends.length === 0 ? (
          <div className="banner banner-warn">
            No fine-tune backend is loaded: add a provider package that trains (Together, OpenAI).
          </div>
        ) : datasets.data && datasets.data.length === 0 ? (
          <div className="card">
            <EmptyState title="Freeze a dataset first">
              Fine-tunes train on a frozen dataset: <Link to="/datasets">create one</Link>.
            </EmptyState>
          </div>
        ) : datasets.data ? (
          <FineTuneForm
            datasets={datasets.data}
            initialDataset={search.get('dataset')}
            busy={busy}
            onPlan={(r) => void makePlan(r)}
          />
        ) : null}
        <ErrorBanner error={error} />
        {plan ? <FineTunePlanCard plan={plan} busy={busy} onStart={() => void start()} /> : null}
      </div>
    </div>
  );
}
