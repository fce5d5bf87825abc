import type { DatasetSummaryView } from '../../shared/api-types';
import { DatasetBuilder } from '../components/dataset-builder';
import { DatasetDetail } from '../components/dataset-detail';
import { EmptyState } from '../components/empty-state';
import { ErrorBanner } from '../components/error-banner';
import { PageHeader } from '../components/page-header';
import { formatCount, formatRelative } from '../format';
import { useProject } from '../hooks/project-context';
import { useApi } from '../hooks/use-api';
import { Link } from '../router/link';
import { navigate } from '../router/navigate';

/** Datasets: frozen snapshots built from filters and split sizes; one dataset's counts, export and check. */
export function DatasetsPage({ selectedId }: { selectedId: string | undefined }) {
  const project = useProject();
  const datasets = useApi<DatasetSummaryView[]>('/api/datasets');
  if (selectedId) {
    return (
      <div className="page">
        <PageHeader
          title="Dataset"
          description={
            <>
              <Link to="/datasets">Datasets</Link> /{' '}
              {datasets.data?.find((d) => d.id === selectedId)?.name ?? selectedId}
            </>
          }
        />
        <DatasetDetail id={selectedId} />
      </div>
    );
  }
  return (
    <div className="page">
      <PageHeader
        title="Datasets"
        description="Freeze a filtered selection of samples into train, validation and test splits, reproducible from the seed."
      />
      <div className="stack">
        <ErrorBanner error={datasets.error} />
        <section className="card">
          <div className="card-header">
            <h2>Snapshots</h2>
            <span className="muted small">{datasets.data?.length ?? 0} in this project</span>
          </div>
          {datasets.data?.length === 0 ? (
            <EmptyState title="No datasets yet">Freeze one below from the samples you have.</EmptyState>
          ) : (
            <table className="table" data-testid="dataset-list">
              <thead>
                <tr>
                  <th>Name</th>
                  <th>Task</th>
                  <th>Filter</th>
                  <th className="num">Samples</th>
                  <th>Splits</th>
                  <th>Created</th>
                </tr>
              </thead>
              <tbody>
                {datasets.data?.map((d) => {
                  const total = Object.values(d.splitSizes).reduce((a, b) => a + b, 0);
                  return (
                    <tr
                      key={d.id}
                      className="clickable"
                      onClick={() => navigate(`/datasets/${encodeURIComponent(d.id)}`)}
                    >
                      <td style={{ fontWeight: 550 }}>
                        <Link to={`/datasets/${encodeURIComponent(d.id)}`}>{d.name}</Link>
                      </td>
                      <td>{project.tasks.find((t) => t.id === d.taskId)?.name ?? d.taskId}</td>
                      <td>
                        <code className="muted">{d.filterExpression || 'all samples'}</code>
                      </td>
                      <td className="num">{formatCount(total)}</td>
                      <td className="muted">
                        {Object.entries(d.splitSizes)
                          .map(([s, n]) => `${s} ${formatCount(n)}`)
                          .join(' · ')}
                      </td>
                      <td className="muted">{formatRelative(d.createdAt)}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          )}
        </section>
        {project.tasks.length ? (
          <DatasetBuilder
            onCreated={(d) => {
              datasets.reload();
              navigate(`/datasets/${encodeURIComponent(d.id)}`);
            }}
          />
        ) : null}
      </div>
    </div>
  );
}
