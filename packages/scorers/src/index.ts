import type { ScorerV1 } from '@distillery/core';
import { containsScorer } from './contains-scorer';
import { exactScorer } from './exact-scorer';
import { jsonMatchScorer } from './json-match-scorer';
import { judgeScorer } from './judge-scorer';
import { numericScorer } from './numeric-scorer';
import { pairwiseScorer } from './pairwise-scorer';
import { regexScorer } from './regex-scorer';

export { containsScorer } from './contains-scorer';
export { exactScorer } from './exact-scorer';
export { extractFlexibleNumber, extractStrictNumber, parseExtractedNumber } from './extract-number';
export { jsonMatchScorer } from './json-match-scorer';
export { judgeScorer } from './judge-scorer';
export { numericScorer } from './numeric-scorer';
export { pairwiseScorer } from './pairwise-scorer';
export { regexScorer } from './regex-scorer';
export { normalizeText, readTextOptions, type TextOptions } from './text-options';

/** Every built-in scorer, as one plugin module. */
const scorers: readonly ScorerV1[] = [
  exactScorer,
  containsScorer,
  regexScorer,
  numericScorer,
  jsonMatchScorer,
  judgeScorer,
  pairwiseScorer,
];
export default scorers;
