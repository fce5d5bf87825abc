import type { ScoreV1, SingleScorerV1 } from '@distillery/core';
import { extractFlexibleNumber, extractStrictNumber, parseExtractedNumber } from './extract-number';

type Extraction = 'strict' | 'flexible';

function readOptions(options: Readonly<Record<string, unknown>>): { extract: Extraction; tolerance: number } {
  const extract = options.extract ?? 'flexible';
  if (extract !== 'strict' && extract !== 'flexible') {
    throw new TypeError(
      `Scorer "numeric" option "extract" must be "strict" or "flexible", got ${JSON.stringify(extract)}.`,
    );
  }
  const tolerance = options.tolerance ?? 1e-9;
  if (typeof tolerance !== 'number' || !(tolerance >= 0)) {
    throw new TypeError(
      `Scorer "numeric" option "tolerance" must be a number >= 0, got ${JSON.stringify(tolerance)}.`,
    );
  }
  return { extract, tolerance };
}

function matches(token: string | null, reference: number, tolerance: number): boolean {
  const value = token === null ? null : parseExtractedNumber(token);
  return value !== null && Math.abs(value - reference) <= tolerance * Math.max(1, Math.abs(reference));
}

/**
 * GSM8K-style numeric answers, scored both ways lm-evaluation-harness reports them: `strict`
 * (the number after `#### `) and `flexible` (the last number in the answer). Both are returned as
 * parts; the main score is the one `extract` names (default flexible). A large gap between them
 * means a formatting problem, not an arithmetic one. Numbers compare as numbers (`18.00` is
 * `18`, `$1,000` is `1000`), within a relative `tolerance`.
 */
export const numericScorer: SingleScorerV1 = {
  specificationVersion: 'v1',
  kind: 'scorer',
  id: 'numeric',
  mode: 'single',
  description:
    'The final number equals the reference: strict (#### N) and flexible (last number), both reported.',
  optionsHelp: {
    extract: '"flexible" (last number, default) or "strict" (#### N) for the main score',
    tolerance: 'relative tolerance (default 1e-9)',
  },
  checkOptions: (options) => void readOptions(options),
  async score(item, output, context) {
    const { extract, tolerance } = readOptions(context.options);
    if (!item.reference) return { score: null, skipped: 'no reference' };
    const referenceToken =
      extractStrictNumber(item.reference.content) ?? extractFlexibleNumber(item.reference.content);
    const reference = referenceToken === null ? null : parseExtractedNumber(referenceToken);
    if (reference === null) return { score: null, skipped: 'no number in the reference' };
    const strict = extractStrictNumber(output.content);
    const flexible = extractFlexibleNumber(output.content);
    const parts: Record<string, ScoreV1> = {
      strict: { type: 'pass-fail', pass: matches(strict, reference, tolerance) },
      flexible: { type: 'pass-fail', pass: matches(flexible, reference, tolerance) },
    };
    return { score: parts[extract]!, extracted: extract === 'strict' ? strict : flexible, parts };
  },
};
