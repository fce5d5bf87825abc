import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { anthropicErrorBody } from './anthropic-error-body';
import { apiKeyOf, isInvalidApiKey } from './api-key';
import type { ChatRequestInfo } from './chat-request-info';
import { type ChatHandler, ChatScript } from './chat-script';
import { FaultQueue } from './fault-queue';
import { MockBatches, type MockBatchesControl } from './mock-batches';
import { MockEndpoints, type MockEndpointsControl } from './mock-endpoints';
import type { MockFault } from './mock-fault';
import { MockFileStore, type MockFilesControl } from './mock-file-store';
import { type MockFineTuneOptions, MockFineTunes, type MockFineTunesControl } from './mock-fine-tunes';
import type { MockReply } from './mock-reply';
import type {
  ErrorDetails,
  ErrorFormat,
  MockFlavor,
  MockResponse,
  MockRouteContext,
  MockRouteHandler,
  MockRouteOptions,
} from './mock-route';
import type { MockRouteDefinition } from './mock-route-definition';
import { openAiErrorBody } from './openai-error-body';
import { isOpenAiModelId } from './openai-model-id';
import { parseMultipart } from './parse-multipart';
import { parseBody, readBody } from './read-body';
import type { RecordedRequest } from './recorded-request';
import { Router } from './router';
import type { BatchBodyCheck } from './routes/answer-batch-lines';
import { createAnthropicBatchesRoutes } from './routes/anthropic-batches-routes';
import { anthropicMessagesRoute } from './routes/anthropic-messages-route';
import { createDeployedModelChatRoute } from './routes/deployed-model-chat-route';
import { createFilesRoutes } from './routes/files-routes';
import { modelsRoute } from './routes/models-route';
import { createOpenAiBatchesRoutes } from './routes/openai-batches-routes';
import { openAiChatCompletionsRoute } from './routes/openai-chat-completions-route';
import { createOpenAiFineTuningRoutes } from './routes/openai-fine-tuning-routes';
import { createTogetherEndpointsRoutes } from './routes/together-endpoints-routes';
import { createTogetherFineTunesRoutes } from './routes/together-fine-tunes-routes';
import { validateAnthropicMessagesRequest } from './routes/validate-anthropic-messages-request';
import { validateOpenAiChatRequest } from './routes/validate-openai-chat-request';
import { sleep } from './sleep';
import { registerMockServer, unregisterMockServer } from './spec/mock-server-registry';
import { SpecValidator } from './spec/spec-validator';
import type { SpecVendor, SpecViolation } from './spec/spec-violation';
import { SseWriter } from './sse-writer';

export interface MockServerOptions {
  /** Port to listen on; 0 (default) picks a free one. The server binds to 127.0.0.1 only. */
  port?: number;
  /**
   * Which provider to impersonate where OpenAI-compatible formats differ. `auto` (default) decides per
   * request (e.g. Together's `reasoning` request object selects the `reasoning` response field).
   */
  flavor?: MockFlavor;
  /** Model ids listed by `GET /v1/models`. */
  models?: string[];
  /** Extra route modules, added after the built-in ones (so they win on the same path); not checked against a spec. */
  routes?: MockRouteDefinition[];
  /**
   * How fine-tune jobs and dedicated endpoints move on: `stepMs` (real ms per step; unset = only through
   * `advance()`/`finish()`), `advanceOnPoll` (one step per `GET` of a job or endpoint), `stepsPerEpoch`
   * (training steps per epoch, default 4).
   */
  simulation?: MockFineTuneOptions;
  /**
   * What happens to a request the real API would refuse (checked against the vendors' OpenAPI specs
   * and the route's rules): `reject` (default) answers 400 in the vendor's error JSON and records it
   * in `violations`; `record` only records it and lets the route answer; `off` checks nothing.
   */
  validation?: 'reject' | 'record' | 'off';
  /**
   * Check the mock's own JSON responses against the specs and record any mismatch in `violations`.
   * Default: on under vitest (`process.env.VITEST`), off otherwise.
   */
  validateResponses?: boolean;
}

export interface MockServer {
  /** `http://127.0.0.1:PORT` */
  readonly url: string;
  readonly port: number;
  /** `${url}/v1` */
  readonly openaiBaseURL: string;
  /** `${url}/v1` */
  readonly togetherBaseURL: string;
  /** `url` (the Anthropic SDK appends `/v1/messages`). */
  readonly anthropicBaseURL: string;
  readonly flavor: MockFlavor;
  readonly models: readonly string[];
  /** Every request received, oldest first (cleared by `reset()`). */
  readonly requests: RecordedRequest[];
  /**
   * Requests the real API would refuse, and responses of the mock that its spec does not allow,
   * oldest first (cleared by `reset()` and `takeViolations()`). `failOnSpecViolations()` from
   * `@distillery/testkit/vitest` fails the test that caused one.
   */
  readonly violations: readonly SpecViolation[];
  /** Returns the violations recorded so far and clears them (for a test that expects one). */
  takeViolations(): SpecViolation[];
  /**
   * Resolves when the next request whose path contains `path` (any, by default) arrives, as soon as
   * it is recorded (before faults such as `latency` apply): lets a test act on an event, e.g. abort
   * a call the mock is holding, instead of guessing a delay.
   */
  nextRequest(path?: string): Promise<RecordedRequest>;
  /** Queue scripted replies (FIFO) for the next chat calls, any chat API. */
  reply(...replies: MockReply[]): this;
  /** Dynamic replies when the queue is empty; `undefined` restores the default echo. */
  onChat(handler: ChatHandler | undefined): this;
  /** Queue faults for the next matching requests. */
  fault(...faults: MockFault[]): this;
  /** Add a route; later routes win over earlier ones on the same method and path. */
  route(method: string, path: string, handler: MockRouteHandler, options?: MockRouteOptions): this;
  /** Files uploaded through either API (or added by the test), shared by the file and fine-tune routes. */
  readonly files: MockFilesControl;
  /** Together and OpenAI fine-tune jobs: advance, finish, fail, script failures, change the clock. */
  readonly fineTunes: MockFineTunesControl;
  /** Together dedicated endpoints: advance, finish, fail. */
  readonly endpoints: MockEndpointsControl;
  /** Batches of the three batch APIs: how new ones behave (delay, expiry, cancels), and what they hold. */
  readonly batches: MockBatchesControl;
  /** Scripted replies not yet used. */
  readonly pendingReplies: readonly MockReply[];
  /** Faults not yet used up. */
  readonly pendingFaults: readonly MockFault[];
  /**
   * Clear reply and fault queues, the chat handler, the request log, files, fine-tune jobs, endpoints and
   * the models they added, and restore the simulation options (routes stay).
   */
  reset(): void;
  close(): Promise<void>;
}

const DEFAULT_MODELS = ['gpt-4o-mini', 'deepseek-ai/DeepSeek-R1', 'Qwen/Qwen3-8B', 'claude-sonnet-4-5'];

let sharedValidator: SpecValidator | undefined;

/** The vendor whose spec a request is checked against: by path, then by flavor, then by the SDK's `User-Agent`. */
function vendorOf(
  validator: SpecValidator,
  flavor: MockFlavor,
  method: string,
  path: string,
  headers: Record<string, string>,
  rawBody: Buffer,
): SpecVendor | undefined {
  // Together's presigned upload (`POST /files` without a file part, answered with a 302) is in neither spec.
  if (
    method === 'POST' &&
    /^\/v1\/files\/?$/.test(path) &&
    flavor !== 'openai' &&
    !parseMultipart(rawBody, headers['content-type'])?.some((part) => part.name === 'file')
  )
    return undefined;
  const vendors = validator.vendorsOf(method, path);
  if (vendors.length === 0) return undefined;
  if (flavor !== 'auto') return vendors.includes(flavor) ? flavor : undefined;
  if (vendors.length === 1) return vendors[0];
  const agent = headers['user-agent'] ?? '';
  if (/^Together\//.test(agent)) return 'together';
  if (/^OpenAI\//.test(agent)) return 'openai';
  return undefined;
}

/** Start a mock provider API server on 127.0.0.1. */
export async function startMockServer(options: MockServerOptions = {}): Promise<MockServer> {
  const flavor: MockFlavor = options.flavor ?? 'auto';
  const baseModels = [...(options.models ?? DEFAULT_MODELS)];
  const models = [...baseModels];
  const router = new Router();
  const script = new ChatScript();
  const faults = new FaultQueue();
  const requests: RecordedRequest[] = [];
  const waiters: { path: string | undefined; resolve: (request: RecordedRequest) => void }[] = [];
  const violations: SpecViolation[] = [];
  let requestCounter = 0;
  const validation = options.validation ?? 'reject';
  const validateResponses = options.validateResponses ?? process.env.VITEST !== undefined;
  if (validation !== 'off' || validateResponses) sharedValidator ??= new SpecValidator();
  const validator = validation === 'off' && !validateResponses ? undefined : sharedValidator;

  const files = new MockFileStore();
  const batches = new MockBatches();
  const fineTunes = new MockFineTunes(files, options.simulation ?? {}, (name) => {
    if (!models.includes(name)) models.push(name);
  });
  const endpoints = new MockEndpoints({
    ...(options.simulation?.stepMs !== undefined ? { stepMs: options.simulation.stepMs } : {}),
    ...(options.simulation?.advanceOnPoll !== undefined
      ? { advanceOnPoll: options.simulation.advanceOnPoll }
      : {}),
  });

  // A message batch's requests are checked against the same Messages schema as `POST /v1/messages`.
  const checkAnthropicParams =
    validator && validation !== 'off'
      ? (params: Record<string, unknown>): string | null => {
          const found = validator.checkBody('anthropic', {
            method: 'POST',
            path: '/v1/messages',
            query: {},
            contentType: 'application/json',
            rawBody: Buffer.alloc(0),
            body: params,
          });
          return found ? (found.problems[0] ?? found.message) : null;
        }
      : undefined;
  // A batch input line's body is checked against the same chat schema as `POST /v1/chat/completions`.
  const checkBatchBody: BatchBodyCheck | undefined =
    validator && validation !== 'off'
      ? (lineVendor, lineBody) =>
          bodyProblem(validator, lineVendor, flavor, {
            method: 'POST',
            path: '/v1/chat/completions',
            query: {},
            contentType: 'application/json',
            rawBody: Buffer.alloc(0),
            body: lineBody,
          })
      : undefined;
  const serves = (vendor: 'openai' | 'together' | 'anthropic') => flavor === 'auto' || flavor === vendor;
  for (const route of [
    ...(serves('openai') || serves('together') ? [openAiChatCompletionsRoute] : []),
    ...(serves('together') ? [createDeployedModelChatRoute(endpoints)] : []),
    ...(serves('anthropic') ? [anthropicMessagesRoute] : []),
    modelsRoute,
    ...(serves('openai') || serves('together') ? createFilesRoutes(files) : []),
    ...(serves('together') ? createTogetherFineTunesRoutes(fineTunes, files) : []),
    ...(serves('openai') ? createOpenAiFineTuningRoutes(fineTunes, files) : []),
    ...(serves('together') ? createTogetherEndpointsRoutes(endpoints, fineTunes) : []),
    ...(serves('openai') || serves('together')
      ? createOpenAiBatchesRoutes(batches, files, checkBatchBody)
      : []),
    ...(serves('anthropic') ? createAnthropicBatchesRoutes(batches, checkAnthropicParams) : []),
  ]) {
    router.add(route.method, route.path, route.handler, route.options, true);
  }
  // Routes a test adds answer as it says: they are not checked against a spec.
  for (const route of options.routes ?? [])
    router.add(route.method, route.path, route.handler, route.options);

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const at = Date.now();
    const rawBody = await readBody(req);
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(req.headers)) {
      if (v !== undefined) headers[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : v;
    }
    const body = parseBody(rawBody, headers['content-type']);
    const method = (req.method ?? 'GET').toUpperCase();
    const record: RecordedRequest = {
      method,
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      headers,
      body,
      at,
    };
    requests.push(record);
    for (const waiter of waiters.filter((w) => w.path === undefined || url.pathname.includes(w.path))) {
      waiters.splice(waiters.indexOf(waiter), 1);
      waiter.resolve(record);
    }
    const requestId = `req_mock_${String(++requestCounter).padStart(6, '0')}`;

    const match = router.match(method, url.pathname);
    const looksAnthropic = 'anthropic-version' in headers || url.pathname.startsWith('/v1/messages');
    const routeFormat = typeof match === 'object' ? match.options.errorFormat : 'auto';
    const errorFormat: ErrorFormat =
      routeFormat === 'auto' ? (looksAnthropic ? 'anthropic' : 'openai') : routeFormat;
    const errorResponse = (status: number, message: string, details: ErrorDetails = {}): MockResponse => ({
      status,
      headers: details.headers ?? {},
      body:
        errorFormat === 'anthropic'
          ? anthropicErrorBody(status, message, {
              ...(details.type ? { type: details.type } : {}),
              requestId,
            })
          : openAiErrorBody(status, message, details),
    });
    let send = (response: MockResponse, malformed = false): void => {
      sendResponse(res, response, errorFormat, requestId, malformed);
    };

    const streaming = isRecord(body) && body.stream === true;
    const fault = faults.take(url.pathname, streaming, method);
    if (fault) record.fault = fault.type;

    if (fault?.type === 'latency') await sleep(fault.ms);
    if (fault?.type === 'drop-connection') {
      req.socket.destroy();
      return;
    }
    if (fault?.type === 'rate-limit') {
      const h: Record<string, string> = {};
      const seconds =
        fault.retryAfterSeconds ??
        (fault.retryAfterMs !== undefined ? Math.ceil(fault.retryAfterMs / 1000) : 1);
      h['retry-after'] = String(seconds);
      if (fault.retryAfterMs !== undefined) h['retry-after-ms'] = String(fault.retryAfterMs);
      const message =
        errorFormat === 'anthropic'
          ? 'This request would exceed the rate limit for your organization. Please try again later.'
          : 'Rate limit reached for requests. Please try again in ' + seconds + 's.';
      send(errorResponse(429, message, { code: 'rate_limit_exceeded', headers: h }));
      return;
    }
    const serverError = (status: number, retry: { retryAfterSeconds?: number; retryAfterMs?: number }) => {
      const message =
        errorFormat === 'anthropic'
          ? status === 529
            ? 'Overloaded'
            : 'Internal server error'
          : 'The server had an error while processing your request. Sorry about that!';
      const h: Record<string, string> = {};
      if (retry.retryAfterSeconds !== undefined) h['retry-after'] = String(retry.retryAfterSeconds);
      if (retry.retryAfterMs !== undefined) h['retry-after-ms'] = String(retry.retryAfterMs);
      return errorResponse(status, message, { headers: h });
    };
    if (fault?.type === 'server-error' && !fault.afterHandling) {
      send(serverError(fault.status ?? 500, fault));
      return;
    }

    if (match === 'not-found' || match === 'method-not-allowed') {
      const status = match === 'not-found' ? 404 : 405;
      const message =
        errorFormat === 'anthropic'
          ? status === 404
            ? 'Not Found'
            : 'Method Not Allowed'
          : `Invalid URL (${method} ${url.pathname})`;
      send(errorResponse(status, message));
      return;
    }

    const auth = match.options.auth;
    const apiKey = auth === 'none' ? apiKeyOf(headers, true) : apiKeyOf(headers, auth === 'anthropic');
    if (auth !== 'none') {
      if (apiKey === null) {
        const message =
          errorFormat === 'anthropic'
            ? 'x-api-key header is required'
            : "You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY), or as the password field (with blank username) if you're accessing the API from your browser and are prompted for a username and password. You can obtain an API key from https://platform.openai.com/account/api-keys.";
        send(errorResponse(401, message));
        return;
      }
      if (isInvalidApiKey(apiKey)) {
        const message =
          errorFormat === 'anthropic'
            ? 'invalid x-api-key'
            : `Incorrect API key provided: ${apiKey}. You can find your API key at https://platform.openai.com/account/api-keys.`;
        send(errorResponse(401, message, { code: 'invalid_api_key' }));
        return;
      }
    }

    const vendor =
      validator && match.builtin
        ? vendorOf(validator, flavor, method, url.pathname, headers, rawBody)
        : undefined;
    const operation = (v: SpecVendor) =>
      validator?.operationName(v, method, url.pathname) ?? `${method} ${url.pathname}`;
    const violation = (
      v: SpecVendor,
      part: SpecViolation['part'],
      message: string,
      problems: string[],
    ): void => {
      violations.push({
        vendor: v,
        part,
        method,
        path: url.pathname,
        operation: operation(v),
        message,
        problems,
      });
    };
    if (validator && vendor && validation !== 'off') {
      const specRequest = {
        method,
        path: url.pathname,
        query: record.query,
        contentType: headers['content-type'],
        rawBody,
        body,
      };
      const query = validator.checkQuery(vendor, specRequest);
      const found = query
        ? { part: 'query' as const, ...query }
        : bodyProblem(validator, vendor, flavor, specRequest);
      if (found) {
        violation(vendor, found.part, found.message, found.problems);
        if (validation === 'reject') {
          send(errorResponse(400, found.message, { param: found.param, code: null }));
          return;
        }
      }
    }
    if (validator && vendor && validateResponses) {
      const plainSend = send;
      send = (response, malformed = false) => {
        const status = response.status ?? 200;
        const payload = response.body;
        if (
          status >= 200 &&
          status < 300 &&
          !(payload instanceof Uint8Array) &&
          (isRecord(payload) || Array.isArray(payload))
        ) {
          const found = validator.checkResponse(vendor, method, url.pathname, status, payload);
          if (found) violation(vendor, 'response', found.message, found.problems);
        }
        plainSend(response, malformed);
      };
    }

    // Every streamed event is checked against the vendor's stream schema, as JSON responses are.
    const checkEvent =
      validator && vendor && validateResponses
        ? (data: unknown) => {
            const found = validator.checkStreamEvent(vendor, method, url.pathname, 200, data);
            if (found) violation(vendor, 'response', found.message, found.problems);
          }
        : undefined;
    const streamFault = fault?.type === 'cut-stream' || fault?.type === 'malformed-json' ? fault : undefined;
    const ctx: MockRouteContext = {
      method,
      path: url.pathname,
      query: record.query,
      params: match.params,
      headers,
      body,
      rawBody,
      apiKey,
      flavor,
      models,
      errorFormat,
      fault: streamFault,
      nextReply: (info: ChatRequestInfo) => script.next(info, streamFault === undefined),
      vendor,
      error: errorResponse,
      invalid: (message, details = {}) => {
        violation(vendor ?? (errorFormat === 'anthropic' ? 'anthropic' : 'openai'), 'rule', message, [
          message,
        ]);
        return errorResponse(400, message, details);
      },
      sse: (sseOptions = {}) =>
        new SseWriter(res, {
          ...sseOptions,
          headers: { ...requestIdHeader(errorFormat, requestId), ...sseOptions.headers },
          ...(fault?.type === 'cut-stream'
            ? { cutAfterChunks: fault.afterChunks, cutMode: fault.mode ?? 'destroy' }
            : {}),
          ...(fault?.type === 'malformed-json' ? { malformed: true } : {}),
          ...(checkEvent ? { inspect: checkEvent } : {}),
        }),
      req,
      res,
    };
    const response = await match.handler(ctx);
    if (fault?.type === 'server-error' && fault.afterHandling && !res.headersSent) {
      // The work is done (recorded in the mock's state); the client only learns that it failed.
      sendResponse(res, serverError(fault.status ?? 500, fault), errorFormat, requestId, false);
      return;
    }
    if (response && !res.headersSent) send(response, fault?.type === 'malformed-json');
  };

  const server = createServer({ keepAlive: true }, (req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (res.headersSent) {
        res.destroy();
        return;
      }
      const message = error instanceof Error ? error.message : String(error);
      res.statusCode = 500;
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify(openAiErrorBody(500, `Mock server error: ${message}`)));
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const url = `http://127.0.0.1:${port}`;

  const mock: MockServer = {
    url,
    port,
    openaiBaseURL: `${url}/v1`,
    togetherBaseURL: `${url}/v1`,
    anthropicBaseURL: url,
    flavor,
    models,
    requests,
    violations,
    takeViolations() {
      return violations.splice(0, violations.length);
    },
    nextRequest(path) {
      return new Promise((resolve) => waiters.push({ path, resolve }));
    },
    reply(...replies) {
      script.push(...replies);
      return mock;
    },
    onChat(handler) {
      script.setHandler(handler);
      return mock;
    },
    fault(...list) {
      faults.push(...list);
      return mock;
    },
    route(method, path, handler, routeOptions) {
      router.add(method, path, handler, routeOptions);
      return mock;
    },
    files,
    fineTunes,
    endpoints,
    batches,
    get pendingReplies() {
      return script.pending;
    },
    get pendingFaults() {
      return faults.pending;
    },
    reset() {
      script.clear();
      faults.clear();
      requests.length = 0;
      violations.length = 0;
      files.clear();
      fineTunes.reset();
      endpoints.reset();
      batches.reset();
      models.splice(0, models.length, ...baseModels);
    },
    close() {
      // Violations not yet collected keep the server in the registry for `failOnSpecViolations`.
      if (violations.length === 0) unregisterMockServer(mock);
      return new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      });
    },
  };
  registerMockServer(mock);
  return mock;
}

function bodyProblem(
  validator: SpecValidator,
  vendor: SpecVendor,
  flavor: MockFlavor,
  request: Parameters<SpecValidator['checkBody']>[1],
): ({ part: 'body' } & NonNullable<ReturnType<SpecValidator['checkBody']>>) | null {
  // Under `auto`, an OpenAI-compatible server (DeepSeek, vLLM, OpenRouter) takes its own extensions:
  // unknown fields are refused only when the server is OpenAI or the model is one of OpenAI's.
  const model = isRecord(request.body) ? request.body.model : undefined;
  // The Batch API's control routes are OpenAI's own (no compatible server's extensions to allow).
  const strict =
    vendor !== 'openai' ||
    flavor === 'openai' ||
    isOpenAiModelId(model) ||
    /^\/v1\/batches(\/|$)/.test(request.path);
  const found = validator.checkBody(vendor, request, vendor === 'together' ? false : strict);
  // Anthropic words some refusals its own way (a `system` role, a small budget): say it as it does.
  // OpenAI's chat wording is known too (ranges, roles).
  const worded =
    !found || !isRecord(request.body)
      ? null
      : vendor === 'anthropic'
        ? validateAnthropicMessagesRequest(request.body)
        : vendor === 'openai' && /\/chat\/completions\/?$/.test(request.path)
          ? (validateOpenAiChatRequest(request.body)?.message ?? null)
          : null;
  if (found && worded) return { part: 'body', ...found, message: worded };
  return found ? { part: 'body', ...found } : null;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function requestIdHeader(format: ErrorFormat, requestId: string): Record<string, string> {
  return format === 'anthropic' ? { 'request-id': requestId } : { 'x-request-id': requestId };
}

function sendResponse(
  res: ServerResponse,
  response: MockResponse,
  format: ErrorFormat,
  requestId: string,
  malformed: boolean,
): void {
  if (res.headersSent || res.destroyed) return;
  res.statusCode = response.status ?? 200;
  for (const [k, v] of Object.entries(requestIdHeader(format, requestId))) res.setHeader(k, v);
  const headers = Object.fromEntries(
    Object.entries(response.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v]),
  );
  let payload: string | Buffer | undefined;
  const { body } = response;
  if (body === undefined || body === null) payload = undefined;
  else if (typeof body === 'string' || Buffer.isBuffer(body)) payload = body;
  else if (body instanceof Uint8Array) payload = Buffer.from(body);
  else {
    payload = JSON.stringify(body);
    if (!headers['content-type']) headers['content-type'] = 'application/json';
  }
  if (malformed && payload !== undefined) {
    const text = payload.toString();
    payload = text.slice(0, Math.max(1, Math.floor(text.length / 2)));
    if (!headers['content-type']) headers['content-type'] = 'application/json';
  }
  for (const [k, v] of Object.entries(headers)) res.setHeader(k, v);
  res.end(payload);
}
