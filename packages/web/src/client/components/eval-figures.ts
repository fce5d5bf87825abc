import type { EvalItemAnswer, EvalReport } from '../../shared/api-types';

type Interval = EvalReport['candidates'][number]['score'];

/** A share on 0..1 as a percentage with one decimal, or a dash. */
export function percentText(value: number | null): string {
  return value === null ? '—' : `${(value * 100).toFixed(1)}%`;
}

/**
 * An interval as `estimate [lower, upper]` on a scale (100 for percentages and points, 1 for
 * κ and τ), signed when asked (differences).
 */
export function intervalLabel(
  i: Interval,
  options: { scale?: number; unit?: string; signed?: boolean } = {},
) {
  const { scale = 100, unit = '%', signed = false } = options;
  if (i.estimate === null) return '—';
  const digits = scale === 1 ? 2 : 1;
  const f = (v: number) => `${signed && v > 0 ? '+' : ''}${(v * scale).toFixed(digits)}${unit}`;
  return i.lower === null || i.upper === null
    ? f(i.estimate)
    : `${f(i.estimate)} [${f(i.lower)}, ${f(i.upper)}]`;
}

/** How one answer fared: right, wrong, partly right (graded scores), or not scored. */
export type Verdict = 'right' | 'wrong' | 'partial' | 'unscored';

export function verdictOf(answer: EvalItemAnswer | null | undefined): Verdict {
  if (!answer || answer.score === null) return 'unscored';
  if (answer.score >= 1) return 'right';
  if (answer.score <= 0) return 'wrong';
  return 'partial';
}

/** The badge text of an answer's score: pass/fail, a percentage, or why it was not scored. */
export function scoreLabel(answer: EvalItemAnswer): string {
  if (answer.score === null) return answer.skipped ?? 'unscored';
  if (answer.rawScore?.type === 'pass-fail') return answer.score === 1 ? 'right' : 'wrong';
  if (answer.rawScore?.type === 'number') return `${answer.rawScore.value} of ${answer.rawScore.max}`;
  return `${(answer.score * 100).toFixed(0)}%`;
}
