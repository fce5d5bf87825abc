import type { PairwiseResultV1, ScoreResultV1, ScoreV1 } from '@distillery/core';

function checkScore(score: ScoreV1, where: string): string[] {
  if (score.type === 'pass-fail') {
    return typeof score.pass === 'boolean' ? [] : [`${where}: pass-fail score without a boolean \`pass\``];
  }
  if (score.type === 'number') {
    const problems: string[] = [];
    for (const key of ['value', 'min', 'max'] as const) {
      if (typeof score[key] !== 'number' || !Number.isFinite(score[key])) {
        problems.push(`${where}: ${key} is ${String(score[key])}, not a finite number`);
      }
    }
    if (problems.length === 0 && !(score.min < score.max))
      problems.push(`${where}: empty range ${score.min}..${score.max}`);
    if (problems.length === 0 && (score.value < score.min || score.value > score.max)) {
      problems.push(`${where}: value ${score.value} outside ${score.min}..${score.max}`);
    }
    return problems;
  }
  return [`${where}: unknown score type ${JSON.stringify((score as { type?: unknown }).type)}`];
}

function checkJudge(judge: unknown, where: string): string[] {
  if (judge === undefined) return [];
  if (!Array.isArray(judge)) return [`${where}.judge is not a list`];
  return judge.flatMap((call, i) =>
    typeof call?.model === 'string' && typeof call?.usage?.inputTokens === 'number'
      ? []
      : [`${where}.judge[${i}] lacks model or usage`],
  );
}

/**
 * What is wrong with a scorer's result, as readable lines (empty when it is well formed): a
 * score or a reason for none, finite numbers inside a real range, well-formed parts, judge calls
 * with model and usage. Results must also survive JSON (no NaN, no undefined-only fields).
 */
export function checkScoreResult(result: ScoreResultV1): string[] {
  const problems: string[] = [];
  if (typeof result !== 'object' || result === null) return ['the result is not an object'];
  if (result.score === null) {
    if (typeof result.skipped !== 'string' || result.skipped === '')
      problems.push('no score and no `skipped` reason');
  } else if (result.score === undefined) {
    problems.push('`score` is undefined: return a score or null with `skipped`');
  } else {
    problems.push(...checkScore(result.score, 'score'));
  }
  for (const [name, part] of Object.entries(result.parts ?? {}))
    problems.push(...checkScore(part, `parts.${name}`));
  problems.push(...checkJudge(result.judge, 'result'));
  if (JSON.stringify(JSON.parse(JSON.stringify(result))) !== JSON.stringify(result)) {
    problems.push('the result does not survive a JSON round trip');
  }
  return problems;
}

/** The same for a pairwise verdict. */
export function checkPairwiseResult(result: PairwiseResultV1): string[] {
  const problems: string[] = [];
  if (!['a', 'b', 'tie'].includes(result?.winner))
    problems.push(`winner is ${JSON.stringify(result?.winner)}`);
  problems.push(...checkJudge(result?.judge, 'result'));
  return problems;
}
