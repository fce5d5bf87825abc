import type { ConvertRecord } from './import-format';
import { optionalString, requireString } from './read-fields';
import { splitAnswer } from './split-answer';

/**
 * Prompt/completion JSONL (`{"prompt", "completion"}`, optionally `reasoning` or
 * `reasoning_content`); inline `<think>` in the completion is split by the caller's parser.
 */
export const convertPromptCompletion: ConvertRecord = (record, options) => {
  const prompt = requireString(record, 'prompt');
  const completion = requireString(record, 'completion', '', false);
  const field = optionalString(record, 'reasoning') ?? optionalString(record, 'reasoning_content');
  const split = splitAnswer(completion, field, options, '"completion"');
  return { input: prompt, output: { content: split.content }, reasoning: split.reasoning };
};
