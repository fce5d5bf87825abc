import { InputError } from '@distillery/core';
import { EXPORT_FORMATS, type ExportFormat, type ExportFormatId } from './export-format';
import { hfChatFormat } from './formats/hf-chat-format';
import { openaiFormat } from './formats/openai-format';
import { r1Format } from './formats/r1-format';
import { togetherFormat } from './formats/together-format';
import { togetherPreferenceFormat } from './formats/together-preference-format';

const FORMATS: Record<ExportFormatId, ExportFormat> = {
  together: togetherFormat,
  'together-preference': togetherPreferenceFormat,
  openai: openaiFormat,
  r1: r1Format,
  'hf-chat': hfChatFormat,
};

/** An export format by id, or an InputError listing them. */
export function getExportFormat(id: string): ExportFormat {
  if ((EXPORT_FORMATS as readonly string[]).includes(id)) return FORMATS[id as ExportFormatId];
  throw new InputError(`Unknown export format "${id}".`, {
    advice: `Use one of ${EXPORT_FORMATS.join(', ')}.`,
  });
}
