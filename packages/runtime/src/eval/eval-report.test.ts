import type { ScoreResultV1 } from '@distillery/core';
import { describe, expect, it } from 'vitest';
import type { EvalAnswer } from './eval-records';
import { buildEvalReport, type EvalReportInput } from './eval-report';

const HUMAN = [5, 4, 5, 2, 1, 4, 3, 5, 2, 1];
const JUDGE_PASSES = [1, 1, 0, 0, 0, 1, 1, 1, 0, 0];

function answer(content: string): EvalAnswer {
  return {
    key: `ans_${content}`,
    fingerprint: 'f',
    provider: 'openai',
    model: 'm',
    input: 'q',
    status: 'ok',
    content,
    reasoning: null,
    reasoningTruncated: false,
    finishReason: 'stop',
    usage: { inputTokens: 100, outputTokens: 50 },
    costUsd: 0.001,
    latencyMs: 10,
    createdAt: '2026-01-01T00:00:00.000Z',
  };
}

function input(calibration: (number | null)[]): EvalReportInput {
  const items = HUMAN.map((rating, i) => ({
    id: `i${i}`,
    input: `q${i}`,
    reference: { content: 'ref' },
    humanRating: rating,
  }));
  const pass: ScoreResultV1 = { score: { type: 'pass-fail', pass: true } };
  return {
    evalId: 'eval_x',
    taskId: 't',
    createdAt: '2026-01-01T00:00:00.000Z',
    itemsSource: 'file',
    items,
    candidates: [
      {
        name: 'teacher',
        type: 'run-config',
        provider: 'openai',
        model: 'm',
        flow: 'single',
        parser: null,
        trainingCostUsd: null,
      },
    ],
    reference: 'teacher',
    scorer: { id: 'judge', mode: 'single', options: {} },
    answers: new Map([['teacher', items.map(() => answer('a'))]]),
    scores: new Map([['teacher', items.map(() => pass)]]),
    structured: false,
    run: {
      paidAnswers: 10,
      reusedAnswers: 0,
      failedCalls: 0,
      spentUsd: 0.01,
      stopReason: 'done',
      complete: true,
    },
    calibration: { scores: calibration },
  };
}

describe('judge calibration in the report', () => {
  it("gives Cohen's kappa (pass vs a rating of 4-5) and Kendall's tau-b, each with its interval", () => {
    const [calibration] = buildEvalReport(input(JUDGE_PASSES)).calibration;
    expect(calibration!.n).toBe(10);
    // By hand: agreement on 8 of 10 (items 2 and 6 differ); both raters say yes 5 times, so
    // chance agreement 0.5 and kappa (0.8 - 0.5) / 0.5 = 0.6, SE sqrt(0.8 * 0.2 / (10 * 0.25)).
    const se = Math.sqrt(0.064);
    expect(calibration!.kappa!.estimate).toBeCloseTo(0.6, 12);
    expect(calibration!.kappa!.lower).toBeCloseTo(0.6 - 1.959963984540054 * se, 10);
    expect(calibration!.kappa!.upper).toBe(1);
    // By hand over the 45 pairs: 20 concordant, 3 discordant, 16 tied only in the judge, 2 only
    // in the ratings: tau-b = 17 / sqrt(39 * 25) = 0.5444 (scipy.stats.kendalltau agrees).
    const tau = 17 / Math.sqrt(39 * 25);
    expect(calibration!.tau!.estimate).toBeCloseTo(tau, 12);
    const half = 1.959963984540054 * Math.sqrt(0.437 / 6);
    expect(calibration!.tau!.lower).toBeCloseTo(Math.tanh(Math.atanh(tau) - half), 12);
    expect(calibration!.tau!.upper).toBeCloseTo(Math.tanh(Math.atanh(tau) + half), 12);
  });

  it('gives tau but no kappa for graded (1-5) judge scores, and leaves out unrated or unscored items', () => {
    const graded = [1, 0.75, 1, 0.25, 0, null, 0.5, 1, 0.25, 0];
    const [calibration] = buildEvalReport(input(graded)).calibration;
    expect(calibration!.n).toBe(9);
    expect(calibration!.kappa).toBeNull();
    // Graded scores that order the items exactly as the ratings do: tau-b is 1.
    expect(calibration!.tau!.estimate).toBeCloseTo(1, 12);
  });

  it('reports no calibration when no item is rated', () => {
    expect(
      buildEvalReport({ ...input(JUDGE_PASSES), calibration: { scores: HUMAN.map(() => null) } }).calibration,
    ).toEqual([]);
  });
});
