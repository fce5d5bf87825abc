import type { ModelCallResultV1, ScoreResultV1, SingleScorerV1 } from '@distillery/core';
import { callJudge, describeCandidate, JUDGE_OPTIONS_HELP, readJudgeOptions } from './judge-options';

type Scale = 'pass-fail' | '1-5';

function readScale(options: Readonly<Record<string, unknown>>): Scale {
  const scale = options.scale ?? 'pass-fail';
  if (scale !== 'pass-fail' && scale !== '1-5') {
    throw new TypeError(
      `Scorer "judge" option "scale" must be "pass-fail" or "1-5", got ${JSON.stringify(scale)}.`,
    );
  }
  return scale;
}

/** What each verdict token is worth: PASS/FAIL as 1/0, ratings as themselves. */
function tokenValue(token: string, scale: Scale): number | null {
  const t = token.trim().toUpperCase();
  if (scale === 'pass-fail') return t === 'PASS' ? 1 : t === 'FAIL' ? 0 : null;
  return /^[1-5]$/.test(t) ? Number(t) : null;
}

/** The last `VERDICT: X` line of the judge's text. */
function writtenVerdict(text: string, scale: Scale): number | null {
  const pattern =
    scale === 'pass-fail' ? /VERDICT:\s*\**\s*(PASS|FAIL)\b/giu : /VERDICT:\s*\**\s*([1-5])\b/giu;
  const all = [...text.matchAll(pattern)];
  const last = all.at(-1);
  return last ? tokenValue(last[1]!, scale) : null;
}

/**
 * The probability-weighted verdict (G-Eval): at the last output token that is a verdict, the
 * mean of the verdict values among its top alternatives, weighted by their probabilities.
 * Null without logprobs or without a verdict token.
 */
function weightedVerdict(result: ModelCallResultV1, scale: Scale): number | null {
  const tokens = result.logprobs;
  if (!tokens) return null;
  for (let i = tokens.length - 1; i >= 0; i--) {
    const position = tokens[i]!;
    if (tokenValue(position.token, scale) === null) continue;
    let weight = 0;
    let sum = 0;
    for (const alternative of position.top) {
      const value = tokenValue(alternative.token, scale);
      if (value === null) continue;
      const p = Math.exp(alternative.logprob);
      weight += p;
      sum += p * value;
    }
    return weight > 0 ? sum / weight : null;
  }
  return null;
}

/**
 * An LLM judge with a rubric: pass/fail or a 1-5 rating, optionally shown the candidate's
 * reasoning. The judge's own reasoning and usage are kept with the score. Where the provider
 * returns log-probabilities the score is the probability-weighted verdict (a number in 0..1 for
 * pass/fail, 1..5 for ratings); otherwise the written verdict.
 */
export const judgeScorer: SingleScorerV1 = {
  specificationVersion: 'v1',
  kind: 'scorer',
  id: 'judge',
  mode: 'single',
  usesModel: true,
  description: 'An LLM judge grades the answer against a rubric (pass/fail or 1-5).',
  optionsHelp: {
    ...JUDGE_OPTIONS_HELP,
    scale: '"pass-fail" (default) or "1-5"',
    logprobs: 'ask for log-probabilities and weight the verdict by them (default false)',
  },
  checkOptions(options) {
    readJudgeOptions('judge', options);
    readScale(options);
  },
  async score(item, output, context): Promise<ScoreResultV1> {
    const options = readJudgeOptions('judge', context.options);
    const scale = readScale(context.options);
    const verdictLine =
      scale === 'pass-fail'
        ? 'End with one line `VERDICT: PASS` or `VERDICT: FAIL`.'
        : 'End with one line `VERDICT: N`, N from 1 (poor) to 5 (excellent).';
    const user = [
      `<question>\n${item.input}\n</question>`,
      ...(item.reference ? [`<reference_answer>\n${item.reference.content}\n</reference_answer>`] : []),
      describeCandidate(output, options.showReasoning, 'candidate_answer'),
    ].join('\n');
    const { result, record } = await callJudge('judge', context, {
      provider: options.provider,
      model: options.model,
      messages: [
        {
          role: 'system',
          content: `You grade answers. Rubric: ${options.rubric}\nExplain your judgement briefly. ${verdictLine}`,
        },
        { role: 'user', content: user },
      ],
      parameters: { temperature: options.temperature },
      ...(context.options.logprobs === true ? { logprobs: 5 } : {}),
    });
    const weighted = weightedVerdict(result, scale);
    const written = writtenVerdict(result.content, scale);
    const value = weighted ?? written;
    if (value === null) return { score: null, skipped: 'the judge gave no verdict', judge: [record] };
    const extracted =
      written === null ? null : scale === 'pass-fail' ? (written ? 'PASS' : 'FAIL') : String(written);
    if (scale === '1-5')
      return { score: { type: 'number', value, min: 1, max: 5 }, extracted, judge: [record] };
    if (weighted !== null)
      return { score: { type: 'number', value, min: 0, max: 1 }, extracted, judge: [record] };
    return { score: { type: 'pass-fail', pass: value === 1 }, extracted, judge: [record] };
  },
};
