import type { ConvertRecord } from './import-format';
import { requireString } from './read-fields';
import { RecordError } from './record-error';

/** GSM8K calculator annotations, e.g. `<<48/2=24>>` in `48/2 = <<48/2=24>>24`. */
const CALCULATOR_ANNOTATION = /<<[^<>]*>>/g;

/**
 * GSM8K (`{"question", "answer"}`): the input is the question, the reasoning is the worked
 * solution before the `#### ` line, the answer is what follows it, trimmed. Calculator
 * annotations are removed from the reasoning by default: they are markup for a calculator tool,
 * not thinking, and a student trained on them learns to emit `<<...>>`; the computed value right
 * after each annotation stays, so no step loses its result.
 */
export const convertGsm8k: ConvertRecord = (record, options) => {
  const question = requireString(record, 'question');
  const answer = requireString(record, 'answer');
  const match = /(?:^|\n)####([^\n]*)\s*$/.exec(answer);
  if (!match) {
    throw new RecordError(
      answer.includes('####')
        ? '"answer" has text after its "#### <final answer>" line'
        : '"answer" has no "#### <final answer>" line',
    );
  }
  const final = match[1]!.trim();
  if (final === '') throw new RecordError('"answer" has nothing after "####"');
  let steps = answer.slice(0, match.index);
  if (!options.keepCalculatorAnnotations) steps = steps.replace(CALCULATOR_ANNOTATION, '');
  steps = steps.trim();
  return {
    input: question,
    output: { content: final },
    reasoning: steps === '' ? null : { text: steps, origin: 'import', truncated: false },
  };
};
