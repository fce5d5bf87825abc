import { type InlineReasoningLayout, InputError } from '@distillery/core';
import { parserForModel } from '../parse/parser-for-model';
import type { Session } from '../session';
import type { ExportFormat } from './export-format';

export interface InlineLayoutRequest {
  /** The student's reasoning parser, by id. */
  parser?: string;
  /** The student's model (its base model for a fine-tune): its family is chosen from manifests. */
  model?: string;
}

/**
 * The student family's inline reasoning layout for a think-tags export, from a parser id or a
 * model id (chosen from the parsers' manifests; only that parser is imported). Undefined when
 * neither is given (the R1 `<think>` layout). Errors when the format does not write reasoning
 * inline or the family takes none (gpt-oss keeps reasoning in its own channel).
 */
export async function inlineLayoutFor(
  session: Session,
  format: ExportFormat,
  request: InlineLayoutRequest,
): Promise<{ parser: string; layout: InlineReasoningLayout } | undefined> {
  if (request.parser === undefined && request.model === undefined) return undefined;
  const flag = request.parser !== undefined ? `--parser ${request.parser}` : `--model ${request.model}`;
  if (format.layout !== 'think-tags') {
    throw new InputError(
      `${flag} picks the student's inline reasoning markers, but format ${format.id} does not write reasoning inline.`,
      { advice: 'Use --format r1 with --parser or --model, or drop the flag.' },
    );
  }
  const parser =
    request.parser !== undefined
      ? await session.plugins.parser(request.parser)
      : (await parserForModel(session, request.model!)).parser;
  if (!parser.inline) {
    throw new InputError(
      `Parser "${parser.id}" (${flag}) has no inline layout: its family's chat template keeps reasoning out of the answer text.`,
      {
        advice:
          'Export with --format hf-chat (reasoning_content) or together (reasoning field) for this student, or name another parser.',
      },
    );
  }
  return { parser: parser.id, layout: parser.inline };
}
