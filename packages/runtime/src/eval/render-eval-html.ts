import { renderEvalCharts } from './eval-charts';
import type { EvalReport } from './eval-report';
import { escapeHtml, intervalText, money } from './report-text';

function candidateTable(report: EvalReport): string {
  const parts = [...new Set(report.candidates.flatMap((c) => Object.keys(c.parts)))];
  const head = [
    'candidate',
    'model',
    `score [${Math.round(report.confidence * 100)}% CI]`,
    ...parts,
    'scored',
    'reasoning truncated',
    'empty answer',
    'invalid structure',
    'call failed',
    'mean reasoning',
    'tokens / item',
    'cost / item',
    'cost / correct',
    'latency mean',
    'latency / correct',
  ];
  const rows = report.candidates.map((c) => [
    `<b>${escapeHtml(c.name)}</b><div class="muted">${c.type}${c.name === report.reference ? ' · reference' : ''}</div>`,
    `${escapeHtml(c.provider)}:${escapeHtml(c.model)}<div class="muted">flow ${escapeHtml(c.flow)}${c.parser ? `, parser ${escapeHtml(c.parser)}` : ''}</div>`,
    intervalText(c.score),
    ...parts.map((p) => (c.parts[p] ? intervalText(c.parts[p]!) : '—')),
    `${c.scored}/${report.items.count}`,
    String(c.outcomes['reasoning-truncated']),
    String(c.outcomes['empty-answer']),
    String(c.outcomes['invalid-structure']),
    String(c.outcomes['call-failed']),
    c.reasoning.meanChars === null ? '—' : `${Math.round(c.reasoning.meanChars)} chars`,
    c.tokens.meanPerItem === null ? '—' : Math.round(c.tokens.meanPerItem).toString(),
    money(c.costUsd.perItem),
    money(c.costUsd.perCorrect),
    c.latencyMs.mean === null ? '—' : `${Math.round(c.latencyMs.mean)} ms`,
    c.latencyMs.perCorrect === null ? '—' : `${Math.round(c.latencyMs.perCorrect)} ms`,
  ]);
  return `<table class="grid"><thead><tr>${head.map((h) => `<th>${escapeHtml(h)}</th>`).join('')}</tr></thead><tbody>${rows.map((r) => `<tr>${r.map((cell) => `<td>${cell}</td>`).join('')}</tr>`).join('')}</tbody></table>`;
}

function comparisonTable(report: EvalReport): string {
  if (report.comparisons.length === 0) return '';
  const rows = report.comparisons.map((c) => [
    escapeHtml(c.candidate),
    String(c.n),
    `${intervalText(c.difference, 100, ' pts')}<div class="muted">${escapeHtml(c.difference.method)}</div>`,
    c.mcnemar
      ? `${c.mcnemar.pValue.toPrecision(3)}<div class="muted">${c.mcnemar.candidateOnly} vs ${c.mcnemar.referenceOnly} discordant</div>`
      : '—',
    `${c.winTieLoss.wins} / ${c.winTieLoss.ties} / ${c.winTieLoss.losses}`,
    intervalText(c.retained),
    c.minimumDetectableDifference === null ? '—' : `±${(c.minimumDetectableDifference * 100).toFixed(1)} pts`,
    c.breakEvenCalls === null ? '—' : c.breakEvenCalls.toLocaleString('en'),
  ]);
  const head = [
    'candidate',
    'paired items',
    'difference',
    "McNemar's exact p",
    'win / tie / loss',
    `share of ${report.reference} retained`,
    'smallest detectable difference',
    'break-even calls',
  ];
  return `<h2>Against ${escapeHtml(report.reference)}</h2><table class="grid"><thead><tr>${head.map((h) => `<th>${escapeHtml(h)}</th>`).join('')}</tr></thead><tbody>${rows.map((r) => `<tr>${r.map((cell) => `<td>${cell}</td>`).join('')}</tr>`).join('')}</tbody></table>`;
}

function itemTable(report: EvalReport): string {
  const names = report.candidates.map((c) => c.name);
  const rows = report.perItem.map((row, index) => {
    const cells = names.map((name) => {
      const a = row.answers[name];
      if (!a) return '<td class="missing">not answered</td>';
      const verdict =
        a.score === null ? 'unscored' : a.score >= 1 ? 'pass' : a.score <= 0 ? 'fail' : 'partial';
      const label =
        a.score === null
          ? (a.skipped ?? 'unscored')
          : a.rawScore?.type === 'pass-fail'
            ? a.score === 1
              ? 'pass'
              : 'fail'
            : `${(a.score * 100).toFixed(0)}%`;
      const flags = a.outcomes.map((o) => `<span class="flag">${escapeHtml(o)}</span>`).join(' ');
      const reasoning = a.reasoning
        ? `<details><summary>reasoning (${a.reasoning.length} chars)</summary><pre>${escapeHtml(a.reasoning)}</pre></details>`
        : '';
      const judge = a.judgeReasoning
        ? `<details><summary>judge</summary><pre>${escapeHtml(a.judgeReasoning)}</pre></details>`
        : '';
      return `<td><span class="badge ${verdict}">${escapeHtml(label)}</span>${a.extracted !== null ? ` <span class="muted">read: ${escapeHtml(a.extracted)}</span>` : ''} ${flags}${reasoning}<pre class="answer">${escapeHtml(a.content)}</pre>${judge}</td>`;
    });
    return `<tr><td class="item"><div class="muted">#${index + 1} · ${escapeHtml(row.id)}</div><pre>${escapeHtml(row.input)}</pre>${row.reference !== null ? `<div class="muted">reference</div><pre class="answer">${escapeHtml(row.reference)}</pre>` : ''}</td>${cells.join('')}</tr>`;
  });
  return `<table class="items"><thead><tr><th>item</th>${names.map((n) => `<th>${escapeHtml(n)}</th>`).join('')}</tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

const STYLE = `
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#111827;margin:24px;max-width:1400px}
h1{font-size:22px;margin:0 0 4px}h2{font-size:17px;margin:28px 0 8px}
.muted,.eval-chart-empty{color:#6b7280;font-size:12px}
.charts{display:flex;flex-wrap:wrap;gap:24px}.chart{border:1px solid #e5e7eb;border-radius:8px;padding:12px}
table.grid,table.items{border-collapse:collapse;width:100%}
table.grid th,table.grid td,table.items th,table.items td{border:1px solid #e5e7eb;padding:6px 8px;text-align:left;vertical-align:top}
table.grid th,table.items th{background:#f9fafb;font-weight:600;position:sticky;top:0}
pre{white-space:pre-wrap;word-break:break-word;margin:4px 0;font:12px/1.4 ui-monospace,Menlo,Consolas,monospace}
pre.answer{background:#f9fafb;padding:4px 6px;border-radius:4px}
td.item{max-width:360px}td.missing{color:#9ca3af}
.badge{display:inline-block;border-radius:10px;padding:0 8px;font-size:12px;font-weight:600}
.badge.pass{background:#dcfce7;color:#166534}.badge.fail{background:#fee2e2;color:#991b1b}
.badge.partial{background:#fef9c3;color:#854d0e}.badge.unscored{background:#f3f4f6;color:#374151}
.flag{font-size:11px;background:#fff7ed;color:#9a3412;border-radius:4px;padding:0 4px}
details summary{cursor:pointer;color:#2563eb;font-size:12px}
`;

/**
 * The eval report as one self-contained HTML page (no scripts, no external files, works
 * offline): the candidates with intervals, the paired comparisons, three inline SVG charts (score
 * with interval, cost per correct answer against score, paired win/tie/loss) and the per-item
 * table with every candidate's answer, reasoning and score side by side.
 */
export function renderEvalHtml(report: EvalReport): string {
  const charts = renderEvalCharts(report);
  const run = report.run;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Eval ${escapeHtml(report.evalId)} · ${escapeHtml(report.taskId)}</title><style>${STYLE}</style></head>
<body>
<h1>Eval of task ${escapeHtml(report.taskId)}</h1>
<div class="muted">${escapeHtml(report.evalId)} · ${report.items.count} items from ${escapeHtml(report.items.source)} · scorer <b>${escapeHtml(report.scorer.id)}</b>${Object.keys(report.scorer.options).length ? ` ${escapeHtml(JSON.stringify(report.scorer.options))}` : ''} · reference <b>${escapeHtml(report.reference)}</b> · ${Math.round(report.confidence * 100)}% intervals (Wilson for pass/fail, seeded bootstrap otherwise, ${report.bootstrap.iterations} resamples, seed ${report.bootstrap.seed}) · ${escapeHtml(report.createdAt)}</div>
<div class="muted">This run: ${run.paidAnswers} answers paid, ${run.reusedAnswers} reused, ${run.failedCalls} failed calls, ${money(run.spentUsd)} spent${run.complete ? '' : ` · <b>incomplete (${escapeHtml(run.stopReason)})</b>`}</div>
<h2>Candidates</h2>
${candidateTable(report)}
${comparisonTable(report)}
${report.calibration.map((c) => `<p>Scorer against human ratings on ${c.n} items: Cohen's κ ${c.kappa ? intervalText(c.kappa, 1, '') : '—'}, Kendall's τ ${c.tau ? intervalText(c.tau, 1, '') : '—'}.</p>`).join('')}
<h2>Charts</h2>
<div class="charts">
<div class="chart"><div><b>Score</b> with ${Math.round(report.confidence * 100)}% interval</div>${charts.score}</div>
<div class="chart"><div><b>Cost per correct answer</b> against score</div>${charts.cost}</div>
<div class="chart"><div><b>Paired win / tie / loss</b> against ${escapeHtml(report.reference)}</div>${charts.winTieLoss}</div>
</div>
<h2>Items</h2>
${itemTable(report)}
</body></html>
`;
}
