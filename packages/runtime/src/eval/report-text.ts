import type { Interval } from './stats/interval';

/** Text for HTML and SVG markup: the five characters that could break out of it, escaped. */
export function escapeHtml(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );
}

/** A share on 0..1 as a percentage, or a dash. */
export function pct(value: number | null, digits = 1): string {
  return value === null ? '—' : `${(value * 100).toFixed(digits)}%`;
}

/** US dollars, with enough digits for fractions of a cent, or a dash. */
export function money(value: number | null): string {
  if (value === null) return '—';
  return value < 0.01 ? `$${value.toPrecision(3)}` : `$${value.toFixed(value < 1 ? 4 : 2)}`;
}

/** An interval as `estimate [lower, upper]`, scaled (100 for percentages). */
export function intervalText(i: Interval, scale = 100, unit = '%'): string {
  if (i.estimate === null) return '—';
  const f = (v: number) => `${(v * scale).toFixed(1)}${unit}`;
  return i.lower === null || i.upper === null
    ? f(i.estimate)
    : `${f(i.estimate)} [${f(i.lower)}, ${f(i.upper)}]`;
}
