import { InputError, type TrainingStrategy } from '@distillery/core';
import { EXPORT_FORMATS, type ExportFormatId } from '../export/export-format';

/**
 * The export format a backend trains on for a strategy: Together's conversational format (the
 * reasoning in the assistant's `reasoning` field, for native reasoning models) and OpenAI's chat
 * format (the two-message chain of thought, since OpenAI has no reasoning field). `preference`
 * picks the DPO format. An explicit format must be one the backend accepts.
 */
export function trainingFormat(
  backend: { id: string; formats: readonly string[] },
  strategy: TrainingStrategy,
  options: { format?: string; preference?: boolean } = {},
): ExportFormatId {
  if (options.format) {
    if (!(EXPORT_FORMATS as readonly string[]).includes(options.format)) {
      throw new InputError(`Unknown export format "${options.format}".`, {
        advice: `Use one of ${EXPORT_FORMATS.join(', ')}.`,
      });
    }
    if (backend.formats.length > 0 && !backend.formats.includes(options.format)) {
      throw new InputError(`Backend "${backend.id}" does not train on the "${options.format}" format.`, {
        advice: `It accepts: ${backend.formats.join(', ')}.`,
      });
    }
    return options.format as ExportFormatId;
  }
  const wanted: ExportFormatId[] = options.preference
    ? ['together-preference']
    : strategy === 'reasoning'
      ? ['together', 'openai', 'r1', 'hf-chat']
      : ['together', 'openai', 'hf-chat', 'r1'];
  const found = wanted.find((f) => backend.formats.length === 0 || backend.formats.includes(f));
  if (!found) {
    throw new InputError(
      `Backend "${backend.id}" accepts none of the formats for this strategy (${wanted.join(', ')}).`,
      {
        advice: `It accepts: ${backend.formats.join(', ')}; pass --format to pick one.`,
      },
    );
  }
  return found;
}
