/**
 * Reasoning as OpenAI-compatible servers return it: `reasoning` (OpenRouter, vLLM >= 0.11, Ollama,
 * Together), `reasoning_content` (DeepSeek, older vLLM, SGLang, llama.cpp) and `reasoning_details`
 * (OpenRouter: `reasoning.text` / `reasoning.summary` entries carry text, `reasoning.encrypted`
 * entries are opaque). One message (or delta) is read the same way in whole responses and streams.
 */
export interface ReasoningParts {
  /** Text from `reasoning`, else `reasoning_content`, else the text of `reasoning_details`. */
  text: string;
  /** Text from the string fields only (`reasoning`, else `reasoning_content`). */
  fieldText: string;
  /** Text of the `reasoning_details` entries only. */
  detailsText: string;
  details: Record<string, unknown>[] | undefined;
}

const nonEmpty = (value: unknown): string | undefined =>
  typeof value === 'string' && value.length > 0 ? value : undefined;

/** The readable text of reasoning_details entries, in order. */
export function reasoningDetailsText(details: readonly Record<string, unknown>[]): string {
  let text = '';
  for (const entry of details) {
    if (entry.type === 'reasoning.text' && typeof entry.text === 'string') text += entry.text;
    else if (entry.type === 'reasoning.summary' && typeof entry.summary === 'string') text += entry.summary;
  }
  return text;
}

/**
 * Reads one message or delta. When several fields carry the same thinking (a server mirroring
 * `reasoning` into `reasoning_content`, OpenRouter's `reasoning` beside `reasoning_details`), the
 * first of them wins, so it is never duplicated.
 */
export function readReasoning(source: Record<string, unknown> | undefined | null): ReasoningParts {
  if (!source) return { text: '', fieldText: '', detailsText: '', details: undefined };
  const raw = source.reasoning_details;
  const details = Array.isArray(raw)
    ? raw.filter((e): e is Record<string, unknown> => typeof e === 'object' && e !== null)
    : undefined;
  const fieldText = nonEmpty(source.reasoning) ?? nonEmpty(source.reasoning_content) ?? '';
  const detailsText = details ? reasoningDetailsText(details) : '';
  return {
    text: fieldText || detailsText,
    fieldText,
    detailsText,
    details: details && details.length > 0 ? details : undefined,
  };
}

const CONCATENATED = new Set(['text', 'summary']);

/**
 * Merges streamed reasoning_details entries: fragments with the same `index` (or, without one, the
 * same type as the previous entry) are joined; text and summary are concatenated, other fields
 * (signature, data, format, id) keep their last non-empty value.
 */
export function mergeReasoningDetails(
  into: Record<string, unknown>[],
  fragments: readonly Record<string, unknown>[],
): void {
  for (const fragment of fragments) {
    const index = typeof fragment.index === 'number' ? fragment.index : undefined;
    const last = into[into.length - 1];
    const target =
      index !== undefined
        ? into.find((e) => e.index === index)
        : last && last.index === undefined && last.type === fragment.type
          ? last
          : undefined;
    if (!target) {
      into.push({ ...fragment });
      continue;
    }
    for (const [key, value] of Object.entries(fragment)) {
      if (CONCATENATED.has(key) && typeof value === 'string' && typeof target[key] === 'string') {
        target[key] = (target[key] as string) + value;
      } else if (value !== undefined && value !== null && value !== '') {
        target[key] = value;
      } else if (!(key in target)) {
        target[key] = value;
      }
    }
  }
}
