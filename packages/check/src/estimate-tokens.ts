/**
 * A fast token estimate for one JSONL line, in O(1) from two lengths the checker already has.
 *
 * ASCII text runs at about 4 characters per token (the usual BPE rule of thumb), while CJK and
 * other multi-byte scripts run at about one token per character. The number of non-ASCII
 * characters is estimated from how much longer the UTF-8 encoding is than the UTF-16 string
 * (a 3-byte CJK character adds 2). The whole line is counted, keys included, which stands in for
 * the chat template's per-message overhead:
 *
 *   tokens ≈ ceil(utf16Length / 4 + 3 · (utf8Bytes − utf16Length) / 8)
 */
export function estimateTokens(utf8Bytes: number, utf16Length: number): number {
  const extra = Math.max(0, utf8Bytes - utf16Length);
  return Math.ceil(utf16Length / 4 + (3 * extra) / 8);
}
