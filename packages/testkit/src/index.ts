export type { ChatRequestInfo } from './mock-server/chat-request-info';
export type { ChatHandler } from './mock-server/chat-script';
export { estimateTokens } from './mock-server/estimate-tokens';
export {
  type Gsm8kAnswerer,
  type Gsm8kAnswererOptions,
  type Gsm8kProblem,
  gsm8kAnswerer,
} from './mock-server/gsm8k-answerer';
export type {
  MockBatch,
  MockBatchApi,
  MockBatchesControl,
  MockBatchSettings,
  MockBatchStatus,
} from './mock-server/mock-batches';
export type { MockEndpointInfo, MockEndpointsControl } from './mock-server/mock-endpoints';
export type { MockFault, MockFaultType } from './mock-server/mock-fault';
export type { MockFile, MockFileProvider, TogetherProcessingStatus } from './mock-server/mock-file';
export type { MockFileInit, MockFilesControl } from './mock-server/mock-file-store';
export type {
  MockFineTuneJobInfo,
  MockFineTuneOptions,
  MockFineTunesControl,
} from './mock-server/mock-fine-tunes';
export type { MockJobFailure } from './mock-server/mock-job-failure';
export type { MockReply } from './mock-server/mock-reply';
export type {
  ErrorDetails,
  ErrorFormat,
  MockFlavor,
  MockResponse,
  MockRouteContext,
  MockRouteHandler,
  MockRouteOptions,
  RouteAuth,
  RouteErrorFormat,
} from './mock-server/mock-route';
export { defineMockRoute, type MockRouteDefinition } from './mock-server/mock-route-definition';
export { type MultipartPart, parseMultipart } from './mock-server/parse-multipart';
export { parseSse, type SseEvent } from './mock-server/parse-sse';
export type { RecordedRequest } from './mock-server/recorded-request';
export { formatViolations, type SpecVendor, type SpecViolation } from './mock-server/spec/spec-violation';
export { splitText } from './mock-server/split-text';
export { SseWriter, type SseWriterOptions } from './mock-server/sse-writer';
export { type MockServer, type MockServerOptions, startMockServer } from './mock-server/start-mock-server';
export type { SimulationOptions } from './mock-server/step-simulation';
export type { TogetherEndpointState } from './mock-server/together-endpoint';
export type { TogetherModelLimits } from './mock-server/together-model-limits';
export {
  type TogetherValidationReport,
  validateTogetherDataset,
} from './mock-server/validate-together-dataset';
