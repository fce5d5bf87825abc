import type { EvalDetailView } from '../../shared/api-types';
import { formatCount, formatDate, formatMs, formatUsd } from '../format';
import { intervalLabel } from './eval-figures';
import { EvalItems } from './eval-items';

function Chart({ title, svg, testId }: { title: string; svg: string; testId: string }) {
  return (
    <section className="card eval-chart" data-testid={testId}>
      <div className="card-header">
        <h3>{title}</h3>
      </div>
      {/* SVG from the runtime's chart code (the HTML report's): every text in it is escaped there. */}
      {/* biome-ignore lint/security/noDangerouslySetInnerHtml: escaped, script-free SVG made by renderEvalCharts */}
      <div className="card-body eval-chart-svg" dangerouslySetInnerHTML={{ __html: svg }} />
    </section>
  );
}

/** One eval: every figure of its report, its three charts, and the per-item drill-down. */
export function EvalDetail({ view }: { view: EvalDetailView }) {
  const { report, charts } = view;
  const confidence = `${Math.round(report.confidence * 100)}%`;
  const parts = [...new Set(report.candidates.flatMap((c) => Object.keys(c.parts)))];
  const run = report.run;
  return (
    <div className="stack">
      <p className="muted small" data-testid="eval-meta">
        {formatCount(report.items.count)} items from <b>{report.items.source}</b> · scorer{' '}
        <code>{report.scorer.id}</code>
        {Object.keys(report.scorer.options).length ? ` ${JSON.stringify(report.scorer.options)}` : ''} ·
        reference <b>{report.reference}</b> · {confidence} intervals (Wilson for pass/fail, seeded bootstrap
        otherwise) · {formatDate(report.createdAt)} · last run: {run.paidAnswers} answers paid,{' '}
        {run.reusedAnswers} reused, {run.failedCalls} failed, {formatUsd(run.spentUsd)} spent
        {run.complete ? '' : ` · incomplete (${run.stopReason})`}
      </p>
      <section className="card">
        <div className="card-header">
          <h2>Candidates</h2>
        </div>
        <div className="table-scroll">
          <table className="table" data-testid="eval-candidates">
            <thead>
              <tr>
                <th>Candidate</th>
                <th>Score [{confidence} CI]</th>
                {parts.map((p) => (
                  <th key={p}>{p}</th>
                ))}
                <th className="num">Scored</th>
                <th className="num">Truncated</th>
                <th className="num">Empty</th>
                <th className="num">Failed</th>
                <th className="num">Cost / item</th>
                <th className="num">Cost / correct</th>
                <th className="num">Latency</th>
              </tr>
            </thead>
            <tbody>
              {report.candidates.map((c) => (
                <tr key={c.name}>
                  <td>
                    <b>{c.name}</b>
                    <div className="muted small">
                      {c.type}
                      {c.name === report.reference ? ' · reference' : ''} · {c.provider}:{c.model}
                    </div>
                  </td>
                  <td>{intervalLabel(c.score)}</td>
                  {parts.map((p) => (
                    <td key={p}>{c.parts[p] ? intervalLabel(c.parts[p]!) : '—'}</td>
                  ))}
                  <td className="num">
                    {c.scored}/{report.items.count}
                  </td>
                  <td className="num">{c.outcomes['reasoning-truncated']}</td>
                  <td className="num">{c.outcomes['empty-answer']}</td>
                  <td className="num">{c.outcomes['call-failed']}</td>
                  <td className="num">{formatUsd(c.costUsd.perItem)}</td>
                  <td className="num">{formatUsd(c.costUsd.perCorrect)}</td>
                  <td className="num">{c.latencyMs.mean === null ? '—' : formatMs(c.latencyMs.mean)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
      {report.comparisons.length > 0 ? (
        <section className="card">
          <div className="card-header">
            <h2>Against {report.reference}</h2>
            <span className="muted small">paired, on the same items</span>
          </div>
          <div className="table-scroll">
            <table className="table" data-testid="eval-comparisons">
              <thead>
                <tr>
                  <th>Candidate</th>
                  <th className="num">Paired items</th>
                  <th>Difference [{confidence} CI]</th>
                  <th>McNemar's exact p</th>
                  <th>Win / tie / loss</th>
                  <th>Share of {report.reference} retained</th>
                  <th>Smallest detectable</th>
                  <th className="num">Break-even calls</th>
                </tr>
              </thead>
              <tbody>
                {report.comparisons.map((c) => (
                  <tr key={c.candidate}>
                    <td>
                      <b>{c.candidate}</b>
                    </td>
                    <td className="num">{c.n}</td>
                    <td>
                      {intervalLabel(c.difference, { unit: ' pts', signed: true })}
                      <div className="muted small">{c.difference.method}</div>
                    </td>
                    <td>
                      {c.mcnemar ? (
                        <>
                          {c.mcnemar.pValue.toPrecision(3)}
                          <div className="muted small">
                            {c.mcnemar.candidateOnly} vs {c.mcnemar.referenceOnly} discordant
                          </div>
                        </>
                      ) : (
                        '—'
                      )}
                    </td>
                    <td>
                      {c.winTieLoss.wins} / {c.winTieLoss.ties} / {c.winTieLoss.losses}
                    </td>
                    <td>{intervalLabel(c.retained)}</td>
                    <td>
                      {c.minimumDetectableDifference === null
                        ? '—'
                        : `±${(c.minimumDetectableDifference * 100).toFixed(1)} pts`}
                    </td>
                    <td className="num">{c.breakEvenCalls === null ? '—' : formatCount(c.breakEvenCalls)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      ) : null}
      {report.calibration.map((c) => (
        <p key={c.n} className="card card-body" data-testid="eval-calibration">
          Scorer against human ratings on {c.n} items: Cohen's κ{' '}
          {c.kappa ? intervalLabel(c.kappa, { scale: 1, unit: '' }) : '—'}, Kendall's τ{' '}
          {c.tau ? intervalLabel(c.tau, { scale: 1, unit: '' }) : '—'}.
        </p>
      ))}
      <div className="eval-charts">
        <Chart title={`Score with ${confidence} interval`} svg={charts.score} testId="eval-chart-score" />
        <Chart title="Cost per correct answer against score" svg={charts.cost} testId="eval-chart-cost" />
        <Chart
          title={`Paired win / tie / loss against ${report.reference}`}
          svg={charts.winTieLoss}
          testId="eval-chart-wtl"
        />
      </div>
      <EvalItems report={report} />
    </div>
  );
}
