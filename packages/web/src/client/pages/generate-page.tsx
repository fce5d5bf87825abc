import { useState } from 'react';
import type {
  GenerationJobView,
  GenerationRunView,
  GenerationsResponse,
  StartGenerationRequest,
} from '../../shared/api-types';
import { apiJson } from '../api/api-client';
import { EmptyState } from '../components/empty-state';
import { ErrorBanner } from '../components/error-banner';
import { GenerationForm } from '../components/generation-form';
import { LiveGeneration } from '../components/live-generation';
import { PageHeader } from '../components/page-header';
import { formatCount, formatRelative, formatUsd } from '../format';
import { useProject } from '../hooks/project-context';
import { useApi } from '../hooks/use-api';
import { Link } from '../router/link';

function describeSource(source: GenerationJobView['source']): string {
  if (source.type === 'file') return `file ${source.file}`;
  if (source.type === 'inputs') return `${formatCount(source.inputs.length)} typed inputs`;
  return `topic tree ${source.topics} × ${source.subtopics || 1} × ${source.perTopic}`;
}

/** Generate: start a generation run and follow its progress; stop it; resume it; retry failures. */
export function GeneratePage() {
  const project = useProject();
  const generations = useApi<GenerationsResponse>('/api/generations');
  const [started, setStarted] = useState<GenerationRunView[]>([]);
  const [error, setError] = useState<Error>();
  const [busy, setBusy] = useState(false);

  const start = async (request: StartGenerationRequest) => {
    setBusy(true);
    setError(undefined);
    try {
      const run = await apiJson<GenerationRunView>('POST', '/api/generations', request);
      setStarted((runs) => [run, ...runs.filter((r) => r.runId !== run.runId)]);
    } catch (e) {
      setError(e as Error);
    } finally {
      setBusy(false);
    }
  };
  const stop = (runId: string) => {
    apiJson('POST', `/api/generations/runs/${encodeURIComponent(runId)}/stop`).then(
      generations.reload,
      (e: Error) => setError(e),
    );
  };
  const resume = (jobId: string) => void start({ taskId: '', jobId });

  const serverRuns = generations.data?.runs ?? [];
  const runs = [...started, ...serverRuns.filter((r) => !started.some((s) => s.runId === r.runId))];
  const jobs = generations.data?.jobs ?? [];
  const failures = generations.data?.failures ?? [];

  if (project.tasks.length === 0) {
    return (
      <div className="page">
        <PageHeader title="Generate" />
        <div className="card">
          <EmptyState title="No tasks to generate for">
            Declare a task with a run config in distill.config.ts.
          </EmptyState>
        </div>
      </div>
    );
  }

  return (
    <div className="page">
      <PageHeader
        title="Generate"
        description="A teacher answers many inputs, with its reasoning kept apart. Runs resume exactly where they stopped and never pay for the same input twice."
      />
      <div className="stack">
        <ErrorBanner error={error} />
        {runs.map((run, index) => (
          <LiveGeneration
            key={run.runId}
            initial={run}
            onStop={stop}
            onResume={resume}
            onStoredChange={generations.reload}
            canResume={index === 0}
          />
        ))}
        <GenerationForm busy={busy} onStart={(r) => void start(r)} />
        <section className="card">
          <div className="card-header">
            <h2>Generations</h2>
            <span className="muted small">{jobs.length} in this project</span>
          </div>
          {jobs.length === 0 ? (
            <EmptyState title="No generations yet">Start one above, or run `distill generate`.</EmptyState>
          ) : (
            <table className="table" data-testid="generation-jobs">
              <thead>
                <tr>
                  <th>Generation</th>
                  <th>Teacher</th>
                  <th>Inputs</th>
                  <th className="num">Generated</th>
                  <th className="num">Failed</th>
                  <th className="num">Cost</th>
                  <th>Status</th>
                  <th />
                </tr>
              </thead>
              <tbody>
                {jobs.map((job) => (
                  <tr key={job.id}>
                    <td>
                      <code>{job.id}</code>
                      <div className="muted small">
                        {job.taskId} · {formatRelative(job.updatedAt)}
                      </div>
                    </td>
                    <td>{job.runConfig}</td>
                    <td className="muted">{describeSource(job.source)}</td>
                    <td className="num">
                      {formatCount(job.generated)}
                      {job.count ? <span className="muted"> / {formatCount(job.count)}</span> : null}
                    </td>
                    <td className="num">{job.failed ? formatCount(job.failed) : '—'}</td>
                    <td className="num">{formatUsd(job.costUsd)}</td>
                    <td>
                      <span
                        className={`chip ${job.status === 'complete' ? 'chip-ok' : job.status === 'running' ? 'chip-accent' : 'chip-warn'}`}
                      >
                        {job.status === 'stopped' && job.stopReason
                          ? `stopped: ${job.stopReason}`
                          : job.status}
                      </span>
                    </td>
                    <td className="num">
                      <div className="row" style={{ justifyContent: 'flex-end', flexWrap: 'nowrap' }}>
                        <Link to={`/samples?tag=${encodeURIComponent(`generation:${job.id}`)}`}>Samples</Link>
                        {job.status !== 'complete' &&
                        !runs.some((r) => r.status === 'running' && r.progress?.jobId === job.id) ? (
                          <button type="button" className="btn btn-sm" onClick={() => resume(job.id)}>
                            Resume
                          </button>
                        ) : null}
                      </div>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
        {failures.length ? (
          <section className="card">
            <div className="card-header">
              <h2>Failed inputs</h2>
              <button
                type="button"
                className="btn btn-sm"
                onClick={() => void start({ taskId: failures[0]!.taskId, retryFailed: true })}
              >
                Retry {formatCount(generations.data?.failureCount ?? failures.length)} failed
              </button>
            </div>
            <table className="table">
              <thead>
                <tr>
                  <th>Input</th>
                  <th>Reason</th>
                  <th className="num">Tries</th>
                </tr>
              </thead>
              <tbody>
                {failures.slice(0, 10).map((f) => (
                  <tr key={f.key}>
                    <td
                      style={{
                        maxWidth: 420,
                        overflow: 'hidden',
                        textOverflow: 'ellipsis',
                        whiteSpace: 'nowrap',
                      }}
                    >
                      {f.input}
                    </td>
                    <td className="muted">{f.reason}</td>
                    <td className="num">{f.failures}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
        ) : null}
      </div>
    </div>
  );
}
