import {
  type CandidateOutputV1,
  checkPlugin,
  type PairwiseResultV1,
  type ScoreItemV1,
  type ScoreResultV1,
  type ScorerContextV1,
  type ScorerV1,
} from '@distillery/core';
import { describe, expect, it } from 'vitest';
import { checkPairwiseResult, checkScoreResult } from './check-score-result';

export interface ScorerContractCase {
  name: string;
  item: ScoreItemV1;
  output: CandidateOutputV1;
  /** The second output, for pairwise scorers (compared as `b`). */
  other?: CandidateOutputV1;
  /** The scorer's options for this case; default the suite's. */
  options?: Record<string, unknown>;
  /**
   * Fields of the result to check, matched as a subset (vitest's toMatchObject), e.g.
   * `{ score: { type: 'pass-fail', pass: true } }`; for pairwise scorers, of the verdict.
   */
  expected?: Record<string, unknown>;
}

export interface ScorerContractOptions {
  /** Options every case uses unless it gives its own (e.g. a judge's provider and model). */
  options?: Record<string, unknown>;
  /** For scorers that call a model: answers their calls (a scripted judge). */
  callModel?: ScorerContextV1['callModel'];
  cases?: readonly ScorerContractCase[];
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

const USAGE = { inputTokens: 12, outputTokens: 34 };

/** A plain candidate output with the given answer. */
export function candidateOutput(content: string, extra: Partial<CandidateOutputV1> = {}): CandidateOutputV1 {
  return {
    content,
    reasoning: null,
    reasoningTruncated: false,
    finishReason: 'stop',
    usage: USAGE,
    ...extra,
  };
}

/** Outputs every scorer meets in real evals; none may make it throw or return a malformed result. */
const AWKWARD_OUTPUTS: readonly [string, CandidateOutputV1][] = [
  ['an empty answer', candidateOutput('')],
  ['whitespace only', candidateOutput(' \n\t ')],
  [
    'truncated reasoning and no answer',
    candidateOutput('', {
      reasoning: 'Let me think about',
      reasoningTruncated: true,
      finishReason: 'length',
    }),
  ],
  ['an answer cut off by the token limit', candidateOutput('The answer is 4', { finishReason: 'length' })],
  ['astral characters and combining marks', candidateOutput('😀 café café 𝔘𝔫𝔦 42')],
  ['a very long answer', candidateOutput(`${'word '.repeat(20000)}#### 7`)],
  ['JSON text', candidateOutput('{"answer": 42, "unit": "apples"}')],
  ['a call that failed', candidateOutput('', { finishReason: 'error' })],
];

const ITEMS: readonly [string, ScoreItemV1][] = [
  ['a numeric reference', { id: 'i-1', input: 'What is 2 + 2?', reference: { content: '4' } }],
  ['a text reference', { id: 'i-2', input: 'Capital of France?', reference: { content: 'Paris' } }],
  [
    'a structured reference',
    { id: 'i-3', input: 'Count', reference: { content: '{"answer": 42}', structured: { answer: 42 } } },
  ],
  ['no reference', { id: 'i-4', input: 'Write a haiku.', reference: null }],
];

/**
 * The shared contract suite for v1 scorers, as a vitest `describe` block:
 *
 * ```ts
 * describeScorerContract(myScorer, { options: { threshold: 0.5 }, cases: [...] });
 * ```
 *
 * It pins down: a `scorer` plugin core accepts; every result well formed (a score or a reason for
 * none, finite numbers inside a real range, well-formed parts, judge calls with usage, survives
 * JSON); the given cases' expected fields; awkward outputs (empty, truncated reasoning, cut off,
 * astral characters, 100 kB, failed calls) against items with and without references never throw;
 * inputs are not mutated (they are deep-frozen); scorers that call no model are deterministic;
 * pairwise scorers are consistent when the two outputs swap places.
 */
export function describeScorerContract(scorer: ScorerV1, contract: ScorerContractOptions = {}): void {
  const contextFor = (options?: Record<string, unknown>): ScorerContextV1 => ({
    options: options ?? contract.options ?? {},
    ...(contract.callModel ? { callModel: contract.callModel } : {}),
  });
  const run = async (
    item: ScoreItemV1,
    output: CandidateOutputV1,
    other: CandidateOutputV1 | undefined,
    options?: Record<string, unknown>,
  ) => {
    const context = contextFor(options);
    if (scorer.mode === 'pairwise')
      return scorer.compare(deepFreeze(item), deepFreeze(output), deepFreeze(other ?? output), context);
    return scorer.score(deepFreeze(item), deepFreeze(output), context);
  };
  const problems = (result: ScoreResultV1 | PairwiseResultV1) =>
    scorer.mode === 'pairwise'
      ? checkPairwiseResult(result as PairwiseResultV1)
      : checkScoreResult(result as ScoreResultV1);

  describe(`scorer contract: ${scorer.id}`, () => {
    it('is a v1 scorer plugin core accepts', () => {
      expect(checkPlugin(scorer, 'the contract suite')).toBe(scorer);
      expect(scorer.kind).toBe('scorer');
      expect(['single', 'pairwise']).toContain(scorer.mode);
      if (scorer.usesModel)
        expect(contract.callModel, 'a scorer that calls a model needs `callModel` in the suite').toBeTypeOf(
          'function',
        );
    });

    if (scorer.checkOptions) {
      it('accepts the options the suite gives it', () => {
        expect(() => scorer.checkOptions!(contract.options ?? {})).not.toThrow();
        for (const c of contract.cases ?? [])
          if (c.options) expect(() => scorer.checkOptions!(c.options!)).not.toThrow();
      });
    }

    for (const c of contract.cases ?? []) {
      it(`case: ${c.name}`, async () => {
        const result = await run(c.item, c.output, c.other, c.options);
        expect(problems(result)).toEqual([]);
        if (c.expected) expect(result).toMatchObject(c.expected);
      });
    }

    for (const [itemName, item] of ITEMS) {
      it(`returns a well-formed result for every awkward output, against ${itemName}`, async () => {
        for (const [outputName, output] of AWKWARD_OUTPUTS) {
          const result = await run(structuredClone(item), structuredClone(output), candidateOutput('4'));
          expect(problems(result), `${outputName}`).toEqual([]);
        }
      });
    }

    if (!scorer.usesModel) {
      it('is deterministic', async () => {
        for (const [, item] of ITEMS) {
          for (const [, output] of AWKWARD_OUTPUTS.slice(0, 5)) {
            const first = await run(structuredClone(item), structuredClone(output), candidateOutput('4'));
            const second = await run(structuredClone(item), structuredClone(output), candidateOutput('4'));
            expect(second).toEqual(first);
          }
        }
      });
    }

    if (scorer.mode === 'pairwise') {
      it('gives the mirror verdict when the two outputs swap places', async () => {
        const item = ITEMS[0]![1];
        const right = candidateOutput('4');
        const wrong = candidateOutput('5');
        const forward = (await run(structuredClone(item), right, wrong)) as PairwiseResultV1;
        const backward = (await run(structuredClone(item), wrong, right)) as PairwiseResultV1;
        const mirror = { a: 'b', b: 'a', tie: 'tie' } as const;
        expect(backward.winner).toBe(mirror[forward.winner]);
      });
    }
  });
}
