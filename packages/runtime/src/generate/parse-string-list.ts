const BULLET = /^\s*(?:[-*•]|\d+[.)])\s+/;

function item(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (typeof value === 'object' && value !== null) {
    const record = value as Record<string, unknown>;
    for (const key of ['input', 'topic', 'subtopic', 'text', 'question']) {
      if (typeof record[key] === 'string') return record[key] as string;
    }
    return JSON.stringify(value);
  }
  return undefined;
}

function fromJson(text: string): unknown[] | undefined {
  const candidates = [text];
  const open = text.indexOf('[');
  const close = text.lastIndexOf(']');
  if (open >= 0 && close > open) candidates.push(text.slice(open, close + 1));
  for (const candidate of candidates) {
    try {
      const value: unknown = JSON.parse(candidate);
      if (Array.isArray(value)) return value;
      if (typeof value === 'object' && value !== null) {
        const arrays = Object.values(value).filter(Array.isArray);
        if (arrays.length === 1) return arrays[0] as unknown[];
      }
    } catch {
      // not JSON; try the next candidate
    }
  }
  return undefined;
}

/**
 * Reads the list a model was asked for: a JSON array (possibly in a code fence, inside other
 * text, or the only array of an object), else one item per line with bullets and numbers
 * removed. Items are trimmed, empty ones and repeats dropped, at most `max` kept.
 */
export function parseStringList(text: string, max = Number.POSITIVE_INFINITY): string[] {
  const body = text.replace(/```[a-z]*\s*/gi, '').trim();
  const json = fromJson(body);
  const raw = json
    ? json.map(item)
    : body
        .split('\n')
        .filter((line) => BULLET.test(line) || !/:\s*$/.test(line))
        .map((line) => line.replace(BULLET, ''));
  const out: string[] = [];
  const seen = new Set<string>();
  for (const value of raw) {
    const trimmed = value?.trim();
    if (!trimmed || seen.has(trimmed)) continue;
    seen.add(trimmed);
    out.push(trimmed);
    if (out.length >= max) break;
  }
  return out;
}
