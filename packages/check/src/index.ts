export {
  type CheckFileOptions,
  checkFile,
  OPENAI_MAX_FILE_SIZE_BYTES,
  OPENAI_MIN_EXAMPLES,
  TOGETHER_MAX_FILE_SIZE_BYTES,
  TOGETHER_MAX_FILE_SIZE_GB,
  TOGETHER_MIN_SAMPLES,
} from './check-file';
export { defaultMaxSeqLength } from './default-max-seq-length';
export { estimateTokens } from './estimate-tokens';
export { type FormatCheckReportOptions, formatCheckReport } from './format-check-report';
export { type InlineMarkers, THINK_MARKERS } from './lint-reasoning';
export type { CheckBackend } from './process-batch';
