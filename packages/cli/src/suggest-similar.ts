/** Edit distance counting an adjacent swap as one edit (optimal string alignment). */
function editDistance(a: string, b: string): number {
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[] = new Array(rows * cols).fill(0);
  for (let i = 0; i < rows; i++) d[i * cols] = i;
  for (let j = 0; j < cols; j++) d[j] = j;
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(
        d[(i - 1) * cols + j]! + 1,
        d[i * cols + j - 1]! + 1,
        d[(i - 1) * cols + j - 1]! + cost,
      );
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        best = Math.min(best, d[(i - 2) * cols + j - 2]! + 1);
      }
      d[i * cols + j] = best;
    }
  }
  return d[rows * cols - 1]!;
}

/**
 * The candidate closest to a mistyped word (`--taks` -> `--task`, `genrate` -> `generate`), or
 * undefined when none is close: at most a third of the longer word may differ, and a word that
 * starts a candidate (`--inp` for `--inputs`) counts as close.
 */
export function suggestSimilar(word: string, candidates: readonly string[]): string | undefined {
  const bare = (s: string) => s.replace(/^-+/, '').toLowerCase();
  const target = bare(word);
  if (target === '') return undefined;
  let best: { candidate: string; distance: number } | undefined;
  for (const candidate of new Set(candidates)) {
    const name = bare(candidate);
    if (name.length <= 1) continue;
    const distance = name.startsWith(target) && target.length >= 3 ? 0.5 : editDistance(target, name);
    const allowed = Math.max(1, Math.floor(Math.max(target.length, name.length) / 3));
    if (distance <= allowed && (best === undefined || distance < best.distance))
      best = { candidate, distance };
  }
  return best?.candidate;
}
