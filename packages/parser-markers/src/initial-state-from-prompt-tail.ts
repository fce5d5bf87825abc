/**
 * Decides the starting state from the end of the rendered prompt: the last start or end marker in
 * it wins. An open start marker means the chat template already opened a reasoning block, so the
 * output starts inside reasoning; an end marker (e.g. Qwen3's thinking-off `<think>\n\n</think>\n\n`)
 * means it starts as content. Returns `undefined` when the tail holds no marker.
 */
export function initialStateFromPromptTail(
  promptTail: string | undefined,
  start: readonly string[],
  end: readonly string[],
): 'content' | 'reasoning' | undefined {
  if (!promptTail) return undefined;
  let bestEnd = -1;
  let bestLength = 0;
  let state: 'content' | 'reasoning' | undefined;
  const consider = (markers: readonly string[], candidate: 'content' | 'reasoning') => {
    for (const marker of markers) {
      const index = promptTail.lastIndexOf(marker);
      if (index < 0) continue;
      const markerEnd = index + marker.length;
      // The marker that ends last wins; on a tie the longer one (it contains the shorter).
      if (markerEnd > bestEnd || (markerEnd === bestEnd && marker.length > bestLength)) {
        bestEnd = markerEnd;
        bestLength = marker.length;
        state = candidate;
      }
    }
  };
  consider(start, 'reasoning');
  consider(end, 'content');
  return state;
}
