import type { InlineReasoningLayout, ReasoningLayout, Sample, TrainingStrategy } from '@distillery/core';

/** The training-data formats `exportDataset` writes. */
export const EXPORT_FORMATS = ['together', 'together-preference', 'openai', 'r1', 'hf-chat'] as const;
export type ExportFormatId = (typeof EXPORT_FORMATS)[number];

/** What a format needs besides the sample: the strategy and the frozen prompt's texts. */
export interface FormatContext {
  strategy: TrainingStrategy;
  /** The system message text ('' for none), as the call flow the fine-tune is called with writes it. */
  system: string;
  /** The thinking turn's text (two-message chain-of-thought layout only). */
  thinkingInstruction: string;
  /** think-tags layout: the student family's inline markers (default R1's `<think>`). */
  inline?: InlineReasoningLayout;
}

export interface FormatRecords {
  /** One JSON value per training example (one JSONL line each). */
  records: unknown[];
  /** Earlier assistant turns of a multi-turn sample that could not become examples. */
  skippedTurns: number;
}

/** Why a format leaves a sample out (counted, not an error). */
export type FormatSkipReason = 'no-rejected';

export interface ExportFormat {
  id: ExportFormatId;
  description: string;
  /** How reasoning is written under the reasoning strategy. */
  layout: ReasoningLayout;
  /** The parser to call the fine-tune with under the reasoning strategy, when the reasoning is inline. */
  parser?: string;
  /** A reason to leave the sample out, or undefined to use it. */
  skip?(sample: Sample): FormatSkipReason | undefined;
  records(sample: Sample, context: FormatContext): FormatRecords;
}
