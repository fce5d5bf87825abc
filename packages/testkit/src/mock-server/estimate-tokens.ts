/** A deterministic token estimate: one token per 4 characters, rounded up (0 for empty text). */
export function estimateTokens(text: string): number {
  return Math.ceil(text.length / 4);
}
