import type { GenerationRunView } from '../../shared/api-types';
import { formatCount, formatMs, formatUsd } from '../format';
import { useNow } from '../hooks/use-now';
import { ErrorBanner } from './error-banner';
import { Icon } from './icon';

const STOP_REASONS: Record<string, string> = {
  done: 'Every input is generated.',
  'count-reached': 'The requested number of samples is reached.',
  budget: 'Stopped at the cost budget.',
  interrupted: 'Stopped. Resume it to pick up exactly where it stopped.',
  'too-many-failures': 'Stopped after too many failures in a row.',
};

export interface GenerationProgressCardProps {
  run: GenerationRunView;
  onStop: () => void;
  onResume: (jobId: string) => void;
  /** False when a later run has taken this generation over. */
  canResume?: boolean;
}

/** A live generation: progress bar, rate, ETA, tokens and cost; then how it ended. */
export function GenerationProgressCard({
  run,
  onStop,
  onResume,
  canResume = true,
}: GenerationProgressCardProps) {
  const p = run.progress;
  const s = run.summary;
  const planned = s?.planned ?? p?.planned ?? 0;
  const generated = s?.generated ?? p?.generated ?? 0;
  const failed = s?.failed ?? p?.failed ?? 0;
  const percent = planned > 0 ? Math.min(100, Math.round((generated / planned) * 100)) : s ? 100 : 0;
  const usage = s?.usage ?? p?.usage;
  const cost = s ? s.costUsd : (p?.costUsd ?? null);
  const live = run.status === 'running' || run.status === 'stopping';
  const jobId = s?.jobId ?? p?.jobId ?? null;
  // While it runs the clock ticks here, so the time shows even before the first answer returns.
  const now = useNow(1000, live);
  const elapsedMs = s
    ? s.elapsedMs
    : live
      ? Math.max(p?.elapsedMs ?? 0, now - Date.parse(run.startedAt))
      : p?.elapsedMs;
  return (
    <section className="card" data-testid="generation-run" data-status={run.status}>
      <div className="card-header">
        <div className="row">
          <h3>
            {run.taskId} · {s?.runConfig || run.runConfig || 'first run config'}
          </h3>
          <span
            className={`chip ${run.status === 'finished' && s?.complete ? 'chip-ok' : run.status === 'finished' ? 'chip-warn' : run.status === 'failed' ? 'chip-danger' : 'chip-accent'}`}
          >
            {run.status === 'running' && p?.phase === 'topics'
              ? 'writing topics'
              : run.status === 'finished' && s && !s.complete
                ? 'stopped'
                : run.status === 'finished'
                  ? 'complete'
                  : run.status}
          </span>
        </div>
        {live ? (
          <button type="button" className="btn btn-sm" onClick={onStop} disabled={run.status === 'stopping'}>
            <Icon name="stop" size={12} /> {run.status === 'stopping' ? 'Stopping…' : 'Stop'}
          </button>
        ) : canResume && s && !s.complete && jobId ? (
          <button type="button" className="btn btn-sm btn-primary" onClick={() => onResume(jobId)}>
            Resume
          </button>
        ) : null}
      </div>
      <div className="card-body stack" style={{ gap: 12 }}>
        <div className="row" style={{ justifyContent: 'space-between' }}>
          <span>
            <b data-testid="generation-generated">{formatCount(generated)}</b>
            <span className="muted"> of {formatCount(planned)} samples</span>
            {failed ? (
              <span className="chip chip-danger" style={{ marginLeft: 8 }}>
                {failed} failed
              </span>
            ) : null}
          </span>
          <span className="muted small">
            {p?.phase === 'topics' && p.topics ? `topic tree ${p.topics.done}/${p.topics.total} · ` : ''}
            {live ? (
              <span data-testid="generation-in-flight">
                {p ? `${formatCount(p.inFlight)} in flight` : 'starting'} ·{' '}
              </span>
            ) : null}
            {percent}%
          </span>
        </div>
        <div className="progress">
          <span style={{ width: `${percent}%` }} />
        </div>
        <div className="statline">
          <span>
            rate <b>{p ? p.ratePerSecond.toFixed(1) : '—'}</b>/s
          </span>
          <span>
            ETA <b>{live && p?.etaMs != null ? formatMs(p.etaMs) : '—'}</b>
          </span>
          <span>
            elapsed <b data-testid="generation-elapsed">{formatMs(elapsedMs)}</b>
          </span>
          <span>
            tokens <b>{usage ? formatCount(usage.inputTokens + usage.outputTokens) : '—'}</b>
          </span>
          <span>
            cost <b>{formatUsd(cost)}</b>
          </span>
        </div>
        {s ? (
          <div className="banner banner-info small">
            {STOP_REASONS[s.stopReason] ?? s.stopReason} {formatCount(s.totalGenerated)} generated in all
            {s.count ? ` of ${formatCount(s.count)}` : ''}
            {s.skippedExisting ? ` · ${formatCount(s.skippedExisting)} inputs already answered` : ''}
            {s.failures.length ? ` · first failure: ${s.failures[0]!.reason}` : ''}
          </div>
        ) : null}
        {run.error ? <ErrorBanner error={run.error} /> : null}
      </div>
    </section>
  );
}
