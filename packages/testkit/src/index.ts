export type { ChatRequestInfo } from './mock-server/chat-request-info';
export type { ChatHandler } from './mock-server/chat-script';
export { estimateTokens } from './mock-server/estimate-tokens';
export type { MockFault, MockFaultType } from './mock-server/mock-fault';
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
export { parseSse, type SseEvent } from './mock-server/parse-sse';
export type { RecordedRequest } from './mock-server/recorded-request';
export { splitText } from './mock-server/split-text';
export { SseWriter, type SseWriterOptions } from './mock-server/sse-writer';
export { type MockServer, type MockServerOptions, startMockServer } from './mock-server/start-mock-server';
