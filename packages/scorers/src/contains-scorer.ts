import type { SingleScorerV1 } from '@distillery/core';
import { normalizeText, readTextOptions, TEXT_OPTIONS_HELP } from './text-options';

/** Pass when the answer contains the reference after normalisation. */
export const containsScorer: SingleScorerV1 = {
  specificationVersion: 'v1',
  kind: 'scorer',
  id: 'contains',
  mode: 'single',
  description: 'The answer contains the reference (case and whitespace normalised by default).',
  optionsHelp: TEXT_OPTIONS_HELP,
  checkOptions: (options) => void readTextOptions(options),
  async score(item, output, context) {
    if (!item.reference) return { score: null, skipped: 'no reference' };
    const options = readTextOptions(context.options);
    const reference = normalizeText(item.reference.content, options);
    if (reference === '') return { score: null, skipped: 'empty reference' };
    return { score: { type: 'pass-fail', pass: normalizeText(output.content, options).includes(reference) } };
  },
};
