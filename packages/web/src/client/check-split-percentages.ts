/** Split sizes as typed: percentages by split name (blank means 0). */
export type SplitPercentages = Record<string, string>;

export type SplitCheck =
  | { ok: true; ratios: Record<string, number> }
  | { ok: false; problem: string; field: string | null };

/**
 * Checks split percentages in the page, before anything is sent: each a number from 0 to 100,
 * together exactly 100. The ratios leave out empty splits, as the server expects them.
 */
export function checkSplitPercentages(splits: SplitPercentages): SplitCheck {
  const ratios: Record<string, number> = {};
  let total = 0;
  for (const [name, text] of Object.entries(splits)) {
    const trimmed = text.trim();
    const value = trimmed === '' ? 0 : Number(trimmed);
    if (!/^\d*\.?\d*$/.test(trimmed) || !Number.isFinite(value) || value > 100) {
      return { ok: false, problem: `${name} % must be a number from 0 to 100.`, field: name };
    }
    total += value;
    if (value > 0) ratios[name] = value / 100;
  }
  const rounded = Math.round(total * 1e6) / 1e6;
  if (rounded !== 100) {
    return {
      ok: false,
      problem: `The splits add up to ${rounded}%, not 100%. Change them so they do.`,
      field: null,
    };
  }
  return { ok: true, ratios };
}
