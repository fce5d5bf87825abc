import type { EvalDetailView, EvalSummaryView } from '../../shared/api-types';
import { EmptyState } from '../components/empty-state';
import { ErrorBanner } from '../components/error-banner';
import { EvalDetail } from '../components/eval-detail';
import { EvalList } from '../components/eval-list';
import { PageHeader } from '../components/page-header';
import { useApi } from '../hooks/use-api';
import { Link } from '../router/link';

/** Evals: the evals `distill eval` stored, and one eval's figures, charts and items. */
export function EvalsPage({ selectedId }: { selectedId: string | undefined }) {
  if (selectedId) return <OneEval id={selectedId} />;
  return <AllEvals />;
}

function AllEvals() {
  const evals = useApi<EvalSummaryView[]>('/api/evals');
  return (
    <div className="page">
      <PageHeader
        title="Evals"
        description="Candidates (teacher, fine-tunes, base models) scored on the same frozen items, with intervals, paired comparisons and costs."
      />
      <div className="stack">
        <ErrorBanner error={evals.error} />
        <section className="card">
          <div className="card-header">
            <h2>Stored evals</h2>
            <span className="muted small">{evals.data?.length ?? 0} in this project</span>
          </div>
          {evals.data?.length === 0 ? (
            <EmptyState title="No evals yet">
              Run <code>distill eval --task TASK --dataset NAME --run-config TEACHER --fine-tune ID</code>:
              its report appears here.
            </EmptyState>
          ) : evals.data ? (
            <EvalList evals={evals.data} />
          ) : null}
        </section>
      </div>
    </div>
  );
}

function OneEval({ id }: { id: string }) {
  const view = useApi<EvalDetailView>(`/api/evals/${encodeURIComponent(id)}`);
  const report = view.data?.report;
  return (
    <div className="page">
      <PageHeader
        title={report ? `Eval of task ${report.taskId}` : 'Eval'}
        description={
          <>
            <Link to="/evals">Evals</Link> / {id}
          </>
        }
      />
      <ErrorBanner error={view.error} />
      {view.data ? <EvalDetail view={view.data} /> : null}
    </div>
  );
}
