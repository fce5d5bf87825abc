import { StructuredOutputError } from './structured-output-error';

const FENCE = /^```(?:json)?\s*\n([\s\S]*?)\n?```\s*$/;

/** Parses a final answer as JSON, tolerating a surrounding markdown code fence. */
export function parseStructuredOutput(content: string): unknown {
  const trimmed = content.trim();
  const fenced = FENCE.exec(trimmed);
  const text = fenced ? fenced[1]! : trimmed;
  try {
    return JSON.parse(text);
  } catch (error) {
    const preview = trimmed.length > 80 ? `${trimmed.slice(0, 80)}…` : trimmed;
    throw new StructuredOutputError(
      `The final answer is not valid JSON for the output schema: ${JSON.stringify(preview)}.`,
      {
        content,
        cause: error,
      },
    );
  }
}
