/** lm-evaluation-harness's GSM8K `strict-match` pattern: the number after `#### `. */
const STRICT = /#### (-?[0-9.,]+)/u;
/** Its `flexible-extract` pattern; the last match counts. */
const FLEXIBLE = /(-?[$0-9.,]{2,})|(-?[0-9]+)/gu;

/** Turns an extracted token into a number: `$1,234.` -> 1234. Null when nothing numeric is left. */
export function parseExtractedNumber(token: string): number | null {
  const cleaned = token.replace(/[,$]/g, '').replace(/\.$/, '');
  if (!/^-?(\d+\.?\d*|\.\d+)$/.test(cleaned)) return null;
  const value = Number(cleaned);
  return Number.isFinite(value) ? value : null;
}

/** The strict extraction: the number after `#### `, or null. */
export function extractStrictNumber(text: string): string | null {
  return STRICT.exec(text)?.[1] ?? null;
}

/** The flexible extraction: the last number-like token that parses, or null. */
export function extractFlexibleNumber(text: string): string | null {
  const tokens = [...text.matchAll(FLEXIBLE)].map((m) => m[0]);
  for (let i = tokens.length - 1; i >= 0; i--) {
    if (parseExtractedNumber(tokens[i]!) !== null) return tokens[i]!;
  }
  return null;
}
