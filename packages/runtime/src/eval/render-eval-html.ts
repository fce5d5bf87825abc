import type { EvalReport } from './eval-report';
import type { Interval } from './stats/interval';

const PALETTE = ['#2563eb', '#16a34a', '#d97706', '#9333ea', '#dc2626', '#0891b2', '#4b5563'];

function escapeHtml(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );
}

function pct(value: number | null, digits = 1): string {
  return value === null ? '—' : `${(value * 100).toFixed(digits)}%`;
}

function money(value: number | null): string {
  if (value === null) return '—';
  return value < 0.01 ? `$${value.toPrecision(3)}` : `$${value.toFixed(value < 1 ? 4 : 2)}`;
}

function intervalText(i: Interval, scale = 100, unit = '%'): string {
  if (i.estimate === null) return '—';
  const f = (v: number) => `${(v * scale).toFixed(1)}${unit}`;
  return i.lower === null || i.upper === null
    ? f(i.estimate)
    : `${f(i.estimate)} [${f(i.lower)}, ${f(i.upper)}]`;
}

/** Score per candidate: a bar for the mean and a whisker for its interval, on 0..100%. */
function scoreChart(report: EvalReport, color: (name: string) => string): string {
  const rowH = 34;
  const left = 170;
  const width = 640;
  const plot = width - left - 30;
  const height = report.candidates.length * rowH + 40;
  const x = (v: number) => left + v * plot;
  const rows = report.candidates.map((c, i) => {
    const y = 10 + i * rowH;
    const s = c.score;
    const bar =
      s.estimate === null
        ? ''
        : `<rect x="${left}" y="${y + 6}" width="${(s.estimate * plot).toFixed(1)}" height="16" fill="${color(c.name)}" opacity="0.8"/>`;
    const whisker =
      s.lower === null || s.upper === null
        ? ''
        : `<line x1="${x(s.lower).toFixed(1)}" x2="${x(s.upper).toFixed(1)}" y1="${y + 14}" y2="${y + 14}" stroke="#111" stroke-width="2"/>` +
          `<line x1="${x(s.lower).toFixed(1)}" x2="${x(s.lower).toFixed(1)}" y1="${y + 8}" y2="${y + 20}" stroke="#111" stroke-width="2"/>` +
          `<line x1="${x(s.upper).toFixed(1)}" x2="${x(s.upper).toFixed(1)}" y1="${y + 8}" y2="${y + 20}" stroke="#111" stroke-width="2"/>`;
    return `<text x="${left - 8}" y="${y + 18}" text-anchor="end">${escapeHtml(c.name)}</text>${bar}${whisker}<text x="${x(s.upper ?? s.estimate ?? 0) + 6}" y="${y + 18}" class="small">${pct(s.estimate)}</text>`;
  });
  const ticks = [0, 0.25, 0.5, 0.75, 1]
    .map(
      (t) =>
        `<line x1="${x(t)}" x2="${x(t)}" y1="6" y2="${height - 28}" stroke="#e5e7eb"/><text x="${x(t)}" y="${height - 12}" text-anchor="middle" class="small">${t * 100}%</text>`,
    )
    .join('');
  return `<svg viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-label="Score per candidate with ${Math.round(report.confidence * 100)}% interval">${ticks}${rows.join('')}</svg>`;
}

/** Cost per correct answer (log scale) against score, one labelled point per candidate. */
function costChart(report: EvalReport, color: (name: string) => string): string {
  const width = 640;
  const height = 320;
  const m = { left: 70, right: 30, top: 20, bottom: 50 };
  const points = report.candidates.filter((c) => c.costUsd.perCorrect !== null && c.score.estimate !== null);
  if (points.length === 0)
    return '<p class="muted">No candidate has a known price and a correct answer, so there is nothing to plot.</p>';
  const costs = points.map((c) => Math.log10(c.costUsd.perCorrect!));
  let lo = Math.floor(Math.min(...costs));
  let hi = Math.ceil(Math.max(...costs));
  if (lo === hi) {
    lo -= 1;
    hi += 1;
  }
  const x = (score: number) => m.left + score * (width - m.left - m.right);
  const y = (cost: number) => m.top + ((hi - Math.log10(cost)) / (hi - lo)) * (height - m.top - m.bottom);
  const grid: string[] = [];
  for (let e = lo; e <= hi; e++) {
    const v = 10 ** e;
    grid.push(
      `<line x1="${m.left}" x2="${width - m.right}" y1="${y(v)}" y2="${y(v)}" stroke="#e5e7eb"/><text x="${m.left - 6}" y="${y(v) + 4}" text-anchor="end" class="small">${money(v)}</text>`,
    );
  }
  for (const t of [0, 0.25, 0.5, 0.75, 1]) {
    grid.push(
      `<text x="${x(t)}" y="${height - m.bottom + 18}" text-anchor="middle" class="small">${t * 100}%</text>`,
    );
  }
  const dots = points.map(
    (c) =>
      `<circle cx="${x(c.score.estimate!).toFixed(1)}" cy="${y(c.costUsd.perCorrect!).toFixed(1)}" r="7" fill="${color(c.name)}"/><text x="${(x(c.score.estimate!) + 10).toFixed(1)}" y="${(y(c.costUsd.perCorrect!) + 4).toFixed(1)}">${escapeHtml(c.name)}</text>`,
  );
  return `<svg viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-label="Cost per correct answer against score">${grid.join('')}<text x="${(m.left + width - m.right) / 2}" y="${height - 8}" text-anchor="middle" class="small">score</text><text x="14" y="${(m.top + height - m.bottom) / 2}" transform="rotate(-90 14 ${(m.top + height - m.bottom) / 2})" text-anchor="middle" class="small">cost per correct answer (log)</text>${dots.join('')}</svg>`;
}

/** Paired win/tie/loss against the reference, one stacked bar per candidate. */
function winTieLossChart(report: EvalReport): string {
  if (report.comparisons.length === 0) return '<p class="muted">Only one candidate: nothing to compare.</p>';
  const width = 640;
  const left = 170;
  const plot = width - left - 30;
  const rowH = 34;
  const height = report.comparisons.length * rowH + 30;
  const rows = report.comparisons.map((c, i) => {
    const y = 8 + i * rowH;
    const total = c.winTieLoss.wins + c.winTieLoss.ties + c.winTieLoss.losses || 1;
    let at = left;
    const segment = (count: number, fill: string, label: string) => {
      const w = (count / total) * plot;
      const rect = `<rect x="${at.toFixed(1)}" y="${y}" width="${w.toFixed(1)}" height="22" fill="${fill}"><title>${label}: ${count}</title></rect>${w > 28 ? `<text x="${(at + w / 2).toFixed(1)}" y="${y + 15}" text-anchor="middle" class="small on">${count}</text>` : ''}`;
      at += w;
      return rect;
    };
    return `<text x="${left - 8}" y="${y + 16}" text-anchor="end">${escapeHtml(c.candidate)}</text>${segment(c.winTieLoss.wins, '#16a34a', 'wins')}${segment(c.winTieLoss.ties, '#9ca3af', 'ties')}${segment(c.winTieLoss.losses, '#dc2626', 'losses')}`;
  });
  const legend = `<text x="${left}" y="${height - 6}" class="small"><tspan fill="#16a34a">■ wins</tspan>  <tspan fill="#6b7280">■ ties</tspan>  <tspan fill="#dc2626">■ losses</tspan> (per item, against ${escapeHtml(report.reference)})</text>`;
  return `<svg viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-label="Paired wins, ties and losses against the reference">${rows.join('')}${legend}</svg>`;
}

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
.muted{color:#6b7280;font-size:12px}.small{font-size:11px;fill:#374151}.on{fill:#fff}
svg text{font:12px system-ui,sans-serif;fill:#111827}
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
  const color = (name: string) =>
    PALETTE[report.candidates.findIndex((c) => c.name === name) % PALETTE.length]!;
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
<div class="chart"><div><b>Score</b> with ${Math.round(report.confidence * 100)}% interval</div>${scoreChart(report, color)}</div>
<div class="chart"><div><b>Cost per correct answer</b> against score</div>${costChart(report, color)}</div>
<div class="chart"><div><b>Paired win / tie / loss</b> against ${escapeHtml(report.reference)}</div>${winTieLossChart(report)}</div>
</div>
<h2>Items</h2>
${itemTable(report)}
</body></html>
`;
}
