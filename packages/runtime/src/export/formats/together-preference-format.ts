import type { ExportFormat } from '../export-format';
import { trainingTurns } from '../training-turns';
import { systemMessages } from './system-messages';

/**
 * Together preference (DPO): `{"input": {"messages"}, "preferred_output": [assistant],
 * "non_preferred_output": [assistant]}` from samples that have a `rejected` output; others are
 * skipped and counted. Under the reasoning strategy the preferred answer carries the sample's
 * reasoning in `reasoning`, and the rejected one its own when it has any. One line per sample:
 * only the final turn has a rejected counterpart.
 */
export const togetherPreferenceFormat: ExportFormat = {
  id: 'together-preference',
  description: 'Together preference (DPO) JSONL from samples with a rejected output',
  layout: 'reasoning-field',
  skip: (sample) => (sample.rejected === undefined ? 'no-rejected' : undefined),
  records(sample, context) {
    const { turns } = trainingTurns(sample, context.strategy);
    const final = turns[turns.length - 1]!;
    const rejected = sample.rejected!;
    const rejectedReasoning =
      context.strategy === 'reasoning' && rejected.reasoning?.trim() ? rejected.reasoning : undefined;
    return {
      skippedTurns: 0,
      records: [
        {
          input: { messages: [...systemMessages(context.system), ...final.history] },
          preferred_output: [
            {
              role: 'assistant',
              content: final.answer,
              ...(final.reasoning !== undefined ? { reasoning: final.reasoning } : {}),
            },
          ],
          non_preferred_output: [
            {
              role: 'assistant',
              content: rejected.content,
              ...(rejectedReasoning !== undefined ? { reasoning: rejectedReasoning } : {}),
            },
          ],
        },
      ],
    };
  },
};
