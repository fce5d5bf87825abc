export {
  assertBatchSubmission,
  type BatchMetadataLimits,
  type BatchSubmissionRules,
} from './assert-batch-submission';
export { assertCheckPassed } from './assert-check-passed';
export { assertNoViolations, type HyperparameterViolation } from './assert-no-violations';
export { type AttemptSignal, attemptSignal } from './attempt-signal';
export {
  type BatchControlCall,
  type BatchControlCalls,
  type BatchControlDeps,
  batchControlCalls,
} from './batch-control-calls';
export { batchJsonlLines, toJsonl } from './batch-jsonl-lines';
export { type CallWithRetryOptions, callWithRetry, outcomeUnknown } from './call-with-retry';
export {
  type ChatCompletionsMethods,
  type ChatCompletionsSettings,
  chatCompletionsMethods,
} from './chat-completions-methods';
export { ChatStreamAccumulator } from './chat-stream-accumulator';
export { CLOCK_SKEW_MS, createdSince } from './created-since';
export { asRecord, isRecord } from './is-record';
export { mergeCatalog } from './merge-catalog';
export { parseLoss } from './parse-loss';
export { isProviderFileId } from './provider-file-id';
export { readBatchResultFiles } from './read-batch-result-files';
export {
  buildResult,
  mapFinishReason,
  type ResultContext,
  readChatCompletion,
  readUsage,
  resolveExposure,
} from './read-chat-completion';
export { readLogprobs } from './read-logprobs';
export {
  mergeReasoningDetails,
  type ReasoningParts,
  readReasoning,
  reasoningDetailsText,
} from './reasoning-fields';
export { type JobFileSteps, resolveJobFiles } from './resolve-job-files';
export {
  DEFAULT_TIMEOUT_MS,
  nonEmpty,
  type ProviderConnectionOptions,
  type ProviderSettingsDefaults,
  type ResolvedProviderSettings,
  resolveProviderSettings,
} from './resolve-provider-settings';
export { type StreamAccumulator, type StreamWithRetryOptions, streamWithRetry } from './stream-with-retry';
export { apiName, toStrictJsonSchema } from './strict-json-schema';
export {
  type FunctionToolWire,
  type NamedToolChoiceWire,
  type ResponseFormatWire,
  type StreamFieldsWire,
  type StructuredOutputSettings,
  type StructuredOutputWire,
  streamFields,
  structuredOutputFields,
} from './structured-output-fields';
export {
  aborted,
  type ErrorContext,
  type ErrorPhase,
  missingApiKey,
  redact,
  streamInterrupted,
  subjectOf,
  timedOut,
  toProviderError,
} from './to-provider-error';
