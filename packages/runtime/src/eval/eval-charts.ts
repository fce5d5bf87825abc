import type { EvalReport } from './eval-report';
import { escapeHtml, money, pct } from './report-text';

const PALETTE = ['#2563eb', '#16a34a', '#d97706', '#9333ea', '#dc2626', '#0891b2', '#4b5563'];
const SVG_TEXT = 'font-family="system-ui, sans-serif" font-size="12" fill="#111827"';

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
    return `<text x="${left - 8}" y="${y + 18}" text-anchor="end">${escapeHtml(c.name)}</text>${bar}${whisker}<text x="${x(s.upper ?? s.estimate ?? 0) + 6}" y="${y + 18}" font-size="11" fill="#374151">${pct(s.estimate)}</text>`;
  });
  const ticks = [0, 0.25, 0.5, 0.75, 1]
    .map(
      (t) =>
        `<line x1="${x(t)}" x2="${x(t)}" y1="6" y2="${height - 28}" stroke="#e5e7eb"/><text x="${x(t)}" y="${height - 12}" text-anchor="middle" font-size="11" fill="#374151">${t * 100}%</text>`,
    )
    .join('');
  return `<svg viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" ${SVG_TEXT} role="img" aria-label="Score per candidate with ${Math.round(report.confidence * 100)}% interval">${ticks}${rows.join('')}</svg>`;
}

/** Cost per correct answer (log scale) against score, one labelled point per candidate. */
function costChart(report: EvalReport, color: (name: string) => string): string {
  const width = 640;
  const height = 320;
  const m = { left: 70, right: 30, top: 20, bottom: 50 };
  const points = report.candidates.filter((c) => c.costUsd.perCorrect !== null && c.score.estimate !== null);
  if (points.length === 0)
    return '<p class="eval-chart-empty">No candidate has a known price and a correct answer, so there is nothing to plot.</p>';
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
      `<line x1="${m.left}" x2="${width - m.right}" y1="${y(v)}" y2="${y(v)}" stroke="#e5e7eb"/><text x="${m.left - 6}" y="${y(v) + 4}" text-anchor="end" font-size="11" fill="#374151">${money(v)}</text>`,
    );
  }
  for (const t of [0, 0.25, 0.5, 0.75, 1]) {
    grid.push(
      `<text x="${x(t)}" y="${height - m.bottom + 18}" text-anchor="middle" font-size="11" fill="#374151">${t * 100}%</text>`,
    );
  }
  const dots = points.map(
    (c) =>
      `<circle cx="${x(c.score.estimate!).toFixed(1)}" cy="${y(c.costUsd.perCorrect!).toFixed(1)}" r="7" fill="${color(c.name)}"/><text x="${(x(c.score.estimate!) + 10).toFixed(1)}" y="${(y(c.costUsd.perCorrect!) + 4).toFixed(1)}">${escapeHtml(c.name)}</text>`,
  );
  return `<svg viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" ${SVG_TEXT} role="img" aria-label="Cost per correct answer against score">${grid.join('')}<text x="${(m.left + width - m.right) / 2}" y="${height - 8}" text-anchor="middle" font-size="11" fill="#374151">score</text><text x="14" y="${(m.top + height - m.bottom) / 2}" transform="rotate(-90 14 ${(m.top + height - m.bottom) / 2})" text-anchor="middle" font-size="11" fill="#374151">cost per correct answer (log)</text>${dots.join('')}</svg>`;
}

/** Paired win/tie/loss against the reference, one stacked bar per candidate. */
function winTieLossChart(report: EvalReport): string {
  if (report.comparisons.length === 0)
    return '<p class="eval-chart-empty">Only one candidate: nothing to compare.</p>';
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
      const rect = `<rect x="${at.toFixed(1)}" y="${y}" width="${w.toFixed(1)}" height="22" fill="${fill}"><title>${label}: ${count}</title></rect>${w > 28 ? `<text x="${(at + w / 2).toFixed(1)}" y="${y + 15}" text-anchor="middle" font-size="11" fill="#fff">${count}</text>` : ''}`;
      at += w;
      return rect;
    };
    return `<text x="${left - 8}" y="${y + 16}" text-anchor="end">${escapeHtml(c.candidate)}</text>${segment(c.winTieLoss.wins, '#16a34a', 'wins')}${segment(c.winTieLoss.ties, '#9ca3af', 'ties')}${segment(c.winTieLoss.losses, '#dc2626', 'losses')}`;
  });
  const legend = `<text x="${left}" y="${height - 6}" font-size="11" fill="#374151"><tspan fill="#16a34a">■ wins</tspan>  <tspan fill="#6b7280">■ ties</tspan>  <tspan fill="#dc2626">■ losses</tspan> (per item, against ${escapeHtml(report.reference)})</text>`;
  return `<svg viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" ${SVG_TEXT} role="img" aria-label="Paired wins, ties and losses against the reference">${rows.join('')}${legend}</svg>`;
}

/** The three charts of an eval, as SVG markup. */
export interface EvalCharts {
  /** Score per candidate with its interval. */
  score: string;
  /** Cost per correct answer (log) against score; a short paragraph when nothing has a price. */
  cost: string;
  /** Paired win/tie/loss against the reference; a short paragraph when there is one candidate. */
  winTieLoss: string;
}

/**
 * The eval's charts as self-contained inline SVG (styles as attributes, no scripts, text escaped),
 * so the offline HTML report and the web's Evals page draw the same figures from the same code.
 * Each candidate keeps its colour across charts.
 */
export function renderEvalCharts(report: EvalReport): EvalCharts {
  const color = (name: string) =>
    PALETTE[report.candidates.findIndex((c) => c.name === name) % PALETTE.length]!;
  return {
    score: scoreChart(report, color),
    cost: costChart(report, color),
    winTieLoss: winTieLossChart(report),
  };
}
