import type { SingleScorerV1 } from '@distillery/core';
import { normalizeText, readTextOptions, TEXT_OPTIONS_HELP } from './text-options';

/** Pass when the answer equals the reference after normalisation. */
export const exactScorer: SingleScorerV1 = {
  specificationVersion: 'v1',
  kind: 'scorer',
  id: 'exact',
  mode: 'single',
  description: 'The answer equals the reference (case and whitespace normalised by default).',
  optionsHelp: TEXT_OPTIONS_HELP,
  checkOptions: (options) => void readTextOptions(options),
  async score(item, output, context) {
    if (!item.reference) return { score: null, skipped: 'no reference' };
    const options = readTextOptions(context.options);
    const answer = normalizeText(output.content, options);
    return {
      score: { type: 'pass-fail', pass: answer === normalizeText(item.reference.content, options) },
      extracted: answer,
    };
  },
};
