import type { Sample } from '@distillery/core';

/**
 * The final answer as training text: a structured answer serialised once, compactly
 * (`JSON.stringify` without spaces), as the model should write it; otherwise the content.
 */
export function answerText(sample: Sample): string {
  const structured = sample.output.structured;
  return structured === undefined ? sample.output.content : JSON.stringify(structured);
}
