/** Together's dataset formats, in the order its checker tries them. */
export const TOGETHER_FORMATS = ['general', 'conversation', 'instruction', 'preference_openai'] as const;
export type TogetherFormat = (typeof TOGETHER_FORMATS)[number];

/** Required top-level columns per format (Together's `JSONL_REQUIRED_COLUMNS_MAP`). */
export const REQUIRED_COLUMNS: Record<TogetherFormat, readonly string[]> = {
  general: ['text'],
  conversation: ['messages'],
  instruction: ['prompt', 'completion'],
  preference_openai: ['input', 'preferred_output', 'non_preferred_output'],
};

/** How Python prints the enum member in messages, e.g. `DatasetFormat.CONVERSATION`. */
export function pythonFormatName(format: TogetherFormat): string {
  return `DatasetFormat.${format.toUpperCase()}`;
}

/** Numeric ids for compact transfer between threads (0 means "no format"). */
export function formatId(format: TogetherFormat | null): number {
  return format === null ? 0 : TOGETHER_FORMATS.indexOf(format) + 1;
}

export function formatFromId(id: number): TogetherFormat | null {
  return id === 0 ? null : (TOGETHER_FORMATS[id - 1] ?? null);
}
