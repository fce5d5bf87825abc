import type {
  CandidateOutputV1,
  JudgeCallV1,
  PairwiseScorerV1,
  ScoreItemV1,
  ScorerContextV1,
} from '@distillery/core';
import {
  callJudge,
  describeCandidate,
  JUDGE_OPTIONS_HELP,
  type JudgeOptions,
  readJudgeOptions,
} from './judge-options';

type Slot = '1' | '2' | 'tie';

async function judgeOnce(
  item: ScoreItemV1,
  first: CandidateOutputV1,
  second: CandidateOutputV1,
  options: JudgeOptions,
  context: ScorerContextV1,
): Promise<{ slot: Slot; record: JudgeCallV1 }> {
  const { result, record } = await callJudge('pairwise', context, {
    provider: options.provider,
    model: options.model,
    messages: [
      {
        role: 'system',
        content: `You compare two answers to the same question without knowing who wrote them. Rubric: ${options.rubric}\nExplain briefly, then end with one line \`WINNER: 1\`, \`WINNER: 2\` or \`WINNER: TIE\`.`,
      },
      {
        role: 'user',
        content: [
          `<question>\n${item.input}\n</question>`,
          ...(item.reference ? [`<reference_answer>\n${item.reference.content}\n</reference_answer>`] : []),
          describeCandidate(first, options.showReasoning, 'answer_1'),
          describeCandidate(second, options.showReasoning, 'answer_2'),
        ].join('\n'),
      },
    ],
    parameters: { temperature: options.temperature },
  });
  const last = [...result.content.matchAll(/WINNER:\s*\**\s*(1|2|TIE)\b/giu)].at(-1);
  return { slot: (last?.[1]?.toLowerCase() as Slot | undefined) ?? 'tie', record };
}

/**
 * A blind pairwise judge: the two answers are shown unlabelled, in both orders, so position bias
 * cancels. A side wins only when both orders agree; disagreement, or a judge that names no
 * winner, is a tie.
 */
export const pairwiseScorer: PairwiseScorerV1 = {
  specificationVersion: 'v1',
  kind: 'scorer',
  id: 'pairwise',
  mode: 'pairwise',
  usesModel: true,
  description: 'An LLM judge picks the better of two answers, blind and in both orders; ties allowed.',
  optionsHelp: JUDGE_OPTIONS_HELP,
  checkOptions: (options) => void readJudgeOptions('pairwise', options),
  async compare(item, a, b, context) {
    const options = readJudgeOptions('pairwise', context.options);
    const ab = await judgeOnce(item, a, b, options, context);
    const ba = await judgeOnce(item, b, a, options, context);
    const abFirst = ab.slot === '1' ? 'a' : ab.slot === '2' ? 'b' : 'tie';
    const baFirst = ba.slot === '1' ? 'b' : ba.slot === '2' ? 'a' : 'tie';
    return {
      winner: abFirst === baFirst ? abFirst : 'tie',
      orders: { abFirst, baFirst },
      judge: [ab.record, ba.record],
    };
  },
};
