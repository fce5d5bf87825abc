import { parseReasoning, type SampleReasoning } from '@distillery/core';
import type { ConvertOptions } from './import-format';
import { RecordError } from './record-error';

/** Markers that mean reasoning is written inline when no parser names its own. */
const DEFAULT_MARKERS = ['<think>', '</think>'];

export interface SplitAnswer {
  content: string;
  reasoning: SampleReasoning | null;
}

/**
 * Separates an imported answer from its reasoning. Reasoning given in a field is kept as is
 * (origin `import`); reasoning written inline with tags is split by the caller's parser (origin
 * `parsed-tags`), and without a parser it is an error rather than thinking left in the answer.
 * The parser only runs on text that contains one of its markers, so a plain answer is never
 * mistaken for unterminated reasoning.
 */
export function splitAnswer(
  content: string,
  fieldReasoning: string | undefined,
  options: ConvertOptions,
  where: string,
): SplitAnswer {
  const markers = options.parser?.markers?.length ? options.parser.markers : DEFAULT_MARKERS;
  const marker = markers.find((m) => content.includes(m));
  const hasField = fieldReasoning !== undefined && fieldReasoning.trim() !== '';
  if (marker !== undefined && hasField) {
    throw new RecordError(`${where} has both a reasoning field and inline ${marker} in its content`);
  }
  if (marker === undefined) {
    if (content.trim() === '') throw new RecordError(`${where} has an empty answer`);
    return {
      content,
      reasoning: hasField ? { text: fieldReasoning!, origin: 'import', truncated: false } : null,
    };
  }
  if (!options.parser) {
    throw new RecordError(
      `${where} has inline ${marker} reasoning in its content; pass a reasoning parser (e.g. --parser deepseek-r1) to split it`,
    );
  }
  const parsed = parseReasoning(options.parser, content, { trim: true });
  if (parsed.content.trim() === '') {
    throw new RecordError(
      parsed.truncated
        ? `${where}: the reasoning is never closed, so there is no answer`
        : `${where} has an empty answer after its reasoning`,
    );
  }
  return {
    content: parsed.content,
    reasoning:
      parsed.hasReasoning && parsed.reasoning.trim() !== ''
        ? { text: parsed.reasoning, origin: 'parsed-tags', truncated: parsed.truncated }
        : null,
  };
}
