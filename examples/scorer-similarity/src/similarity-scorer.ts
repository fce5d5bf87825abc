import type { SingleScorerV1 } from '@distillery/core';
import { editDistance } from './edit-distance';

export interface SimilarityOptions {
  /** Pass when the similarity reaches this (0 to 1); without it the score is the similarity itself. */
  threshold?: number;
  /** Compare case-sensitively. Default false. */
  caseSensitive?: boolean;
}

function readOptions(options: Record<string, unknown>): SimilarityOptions {
  const { threshold, caseSensitive, ...rest } = options;
  const unknown = Object.keys(rest);
  if (unknown.length > 0) {
    throw new Error(`The similarity scorer has no option ${unknown.map((k) => `"${k}"`).join(', ')}.`);
  }
  if (threshold !== undefined && (typeof threshold !== 'number' || !(threshold >= 0 && threshold <= 1))) {
    throw new Error(`threshold must be a number from 0 to 1, got ${JSON.stringify(threshold)}.`);
  }
  if (caseSensitive !== undefined && typeof caseSensitive !== 'boolean') {
    throw new Error(`caseSensitive must be true or false, got ${JSON.stringify(caseSensitive)}.`);
  }
  return {
    ...(threshold !== undefined ? { threshold } : {}),
    ...(caseSensitive !== undefined ? { caseSensitive } : {}),
  };
}

function normalize(text: string, caseSensitive: boolean): string {
  const collapsed = text.trim().replace(/\s+/g, ' ');
  return caseSensitive ? collapsed : collapsed.toLowerCase();
}

/** 1 - edit distance / the longer length, so 1 is identical and 0 shares nothing in place. */
export function similarity(a: string, b: string): number {
  const longer = Math.max([...a].length, [...b].length);
  return longer === 0 ? 1 : 1 - editDistance(a, b) / longer;
}

/**
 * Grades an answer by how close it is to the reference in characters (whitespace collapsed,
 * case ignored unless asked): a number from 0 to 1, or pass/fail against `threshold`. Useful for
 * short free-text answers where exact match is too strict and a judge too dear.
 */
export const similarityScorer: SingleScorerV1 = {
  specificationVersion: 'v1',
  kind: 'scorer',
  id: 'similarity',
  mode: 'single',
  description:
    'How close the answer is to the reference: 1 - edit distance / longer length (0 to 1); pass/fail with a threshold.',
  optionsHelp: {
    threshold: 'pass when the similarity is at least this (0 to 1); default: report the similarity itself',
    caseSensitive: 'compare case-sensitively (default false)',
  },
  checkOptions: (options) => void readOptions(options),
  async score(item, output, context) {
    if (!item.reference) return { score: null, skipped: 'no reference' };
    const options = readOptions(context.options);
    const caseSensitive = options.caseSensitive ?? false;
    const value = similarity(
      normalize(output.content, caseSensitive),
      normalize(item.reference.content, caseSensitive),
    );
    const extracted = value.toFixed(3);
    if (options.threshold !== undefined) {
      return { score: { type: 'pass-fail', pass: value >= options.threshold }, extracted };
    }
    return { score: { type: 'number', value, min: 0, max: 1 }, extracted };
  },
};
