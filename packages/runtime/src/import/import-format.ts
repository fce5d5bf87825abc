import type { ChatMessage, ReasoningParserPlugin, SampleReasoning } from '@distillery/core';

export const IMPORT_FORMATS = ['gsm8k', 'chat', 'prompt-completion', 'together-preference', 'csv'] as const;
export type ImportFormatId = (typeof IMPORT_FORMATS)[number];

/** What a format makes of one record; the importer adds id, task, source, tags and time. */
export interface ImportedFields {
  input: string;
  output: { content: string };
  reasoning: SampleReasoning | null;
  trace?: ChatMessage[];
  rejected?: { content: string; reasoning?: string };
  /** Extra tags the record itself carries (the CSV `tags` column). */
  tags?: string[];
}

export interface ConvertOptions {
  /** Splits `<think>` reasoning written inline in answers. */
  parser?: ReasoningParserPlugin;
  /** GSM8K: keep `<<48/2=24>>` calculator annotations in the reasoning. Default false. */
  keepCalculatorAnnotations?: boolean;
}

/** A JSONL record is a parsed JSON object; a CSV record maps (lower-cased) column names to cells. */
export type ConvertRecord = (record: Record<string, unknown>, options: ConvertOptions) => ImportedFields;
