import type { ScoreResultV1 } from '@distillery/core';
import { describe, expect, it } from 'vitest';
import { checkPairwiseResult, checkScoreResult } from './check-score-result';

describe('checkScoreResult', () => {
  it('accepts well-formed results', () => {
    expect(checkScoreResult({ score: { type: 'pass-fail', pass: true } })).toEqual([]);
    expect(checkScoreResult({ score: null, skipped: 'no reference' })).toEqual([]);
    expect(
      checkScoreResult({
        score: { type: 'number', value: 3, min: 1, max: 5 },
        parts: { a: { type: 'pass-fail', pass: false } },
        judge: [
          {
            provider: 'p',
            model: 'm',
            reasoning: null,
            usage: { inputTokens: 1, outputTokens: 2 },
            costUsd: null,
          },
        ],
      }),
    ).toEqual([]);
  });

  it('names what is wrong with a malformed result', () => {
    expect(checkScoreResult({ score: null })).toEqual(['no score and no `skipped` reason']);
    expect(checkScoreResult({ score: { type: 'number', value: Number.NaN, min: 0, max: 1 } })).toEqual([
      'score: value is NaN, not a finite number',
    ]);
    expect(checkScoreResult({ score: { type: 'number', value: 6, min: 1, max: 5 } })).toEqual([
      'score: value 6 outside 1..5',
    ]);
    expect(checkScoreResult({ score: { type: 'number', value: 1, min: 1, max: 1 } })).toEqual([
      'score: empty range 1..1',
    ]);
    expect(
      checkScoreResult({ score: { type: 'pass-fail', pass: 'yes' } } as unknown as ScoreResultV1),
    ).toEqual(['score: pass-fail score without a boolean `pass`']);
    expect(
      checkScoreResult({
        score: { type: 'pass-fail', pass: true },
        parts: { f: { type: 'stars' } },
      } as unknown as ScoreResultV1),
    ).toEqual(['parts.f: unknown score type "stars"']);
  });

  it('rejects pairwise verdicts outside a, b and tie', () => {
    expect(checkPairwiseResult({ winner: 'tie' })).toEqual([]);
    expect(checkPairwiseResult({ winner: 'left' as 'a' })).toEqual(['winner is "left"']);
  });
});
