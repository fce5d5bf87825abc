/**
 * Turns what a user typed into a safe FTS5 query: every word must appear (in input, answer or
 * reasoning), each matched as a prefix, so `calc sold` finds "calculate ... sold". FTS5 syntax in
 * the text (quotes, operators, column filters) is treated as plain text. Returns undefined when
 * the text has no letters or digits (no text filter then).
 */
export function toFtsQuery(text: string): string | undefined {
  const terms = text
    .split(/\s+/u)
    .filter((word) => /[\p{L}\p{N}]/u.test(word))
    .map((word) => `"${word.replaceAll('"', '""')}"*`);
  return terms.length === 0 ? undefined : terms.join(' AND ');
}
