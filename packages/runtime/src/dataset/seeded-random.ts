/**
 * A deterministic pseudo-random generator from an integer seed: FNV-1a over the seed's decimal
 * text (so any safe integer, negative or above 2^32, gives its own stream), then mulberry32.
 * Part of the split contract: changing it changes every split made from a seed, so don't.
 */
export function seededRandom(seed: number): () => number {
  let h = 0x811c9dc5;
  for (const ch of String(Math.trunc(seed))) {
    h ^= ch.charCodeAt(0);
    h = Math.imul(h, 0x01000193);
  }
  let state = h >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Fisher–Yates shuffle of a copy of `items`, driven by `seededRandom(seed)`. */
export function seededShuffle<T>(items: readonly T[], seed: number): T[] {
  const random = seededRandom(seed);
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    const tmp = out[i]!;
    out[i] = out[j]!;
    out[j] = tmp;
  }
  return out;
}
