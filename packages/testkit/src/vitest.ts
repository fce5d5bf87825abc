// Test helpers that import vitest (a peer dependency). Import them from `@distillery/testkit/vitest`;
// the package's main entry never loads vitest.

export { failOnSpecViolations } from './mock-server/spec/fail-on-spec-violations';
export {
  type ChunkingCheckOptions,
  expectChunkingInvariant,
  expectWellFormedEvents,
} from './parser-contract/contract-checks';
export { createSeededRandom } from './parser-contract/create-seeded-random';
export {
  describeReasoningParserContract,
  type ReasoningParserContractCase,
  type ReasoningParserContractOptions,
} from './parser-contract/describe-reasoning-parser-contract';
export { hasLoneSurrogate } from './parser-contract/has-lone-surrogate';
export {
  normalizeReasoningEvents,
  type ReasoningParserRun,
  runReasoningParser,
} from './parser-contract/run-reasoning-parser';
export { splitIntoRandomChunks } from './parser-contract/split-into-random-chunks';
export { checkPairwiseResult, checkScoreResult } from './scorer-contract/check-score-result';
export {
  candidateOutput,
  describeScorerContract,
  type ScorerContractCase,
  type ScorerContractOptions,
} from './scorer-contract/describe-scorer-contract';
