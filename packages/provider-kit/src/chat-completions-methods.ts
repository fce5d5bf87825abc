import type { CallOptions, ChatRequest, ChatResult, ChatStreamEvent, RetryPolicy } from '@distillery/core';
import { callWithRetry } from './call-with-retry';
import { ChatStreamAccumulator } from './chat-stream-accumulator';
import { type ResultContext, readChatCompletion } from './read-chat-completion';
import { streamWithRetry } from './stream-with-retry';
import type { ErrorContext } from './to-provider-error';

/**
 * What an OpenAI-compatible provider supplies; the SDK call stays in the provider. `Body` is the
 * provider's request type (its SDK's params plus any named extension), so the body it builds is
 * the body its SDK call takes, with no cast in between.
 */
export interface ChatCompletionsSettings<Body> {
  policy: RetryPolicy;
  timeoutMs: number;
  errorContext(model: string): ErrorContext;
  resultContext(request: ChatRequest): ResultContext;
  body(request: ChatRequest, ctx: ResultContext, stream: boolean): Body;
  /**
   * Sends one unstreamed Chat Completions body (`chat.completions.create` of the vendor SDK) and
   * resolves to the completion, which is read by narrowing (never trusted). Throws what the SDK throws.
   */
  complete(body: Body, signal: AbortSignal, errors: ErrorContext): Promise<unknown>;
  /** Sends one streamed body and resolves to its chunks (each read by narrowing). */
  openStream(body: Body, signal: AbortSignal, errors: ErrorContext): Promise<AsyncIterable<unknown>>;
}

export interface ChatCompletionsMethods {
  chat(request: ChatRequest, options?: CallOptions): Promise<ChatResult>;
  stream(request: ChatRequest, options?: CallOptions): AsyncGenerator<ChatStreamEvent>;
}

/** `chat` and `stream` of a ModelProvider over a Chat Completions API, with retries and timeouts. */
export function chatCompletionsMethods<Body>(
  settings: ChatCompletionsSettings<Body>,
): ChatCompletionsMethods {
  const { policy, timeoutMs } = settings;
  return {
    chat(request, options = {}) {
      const errors = settings.errorContext(request.model);
      const ctx = settings.resultContext(request);
      const body = settings.body(request, ctx, false);
      return callWithRetry({
        errors,
        policy,
        timeoutMs,
        signal: options.signal,
        call: async (signal) => readChatCompletion(await settings.complete(body, signal, errors), ctx),
      });
    },
    stream(request, options = {}) {
      const errors = settings.errorContext(request.model);
      const ctx = settings.resultContext(request);
      const body = settings.body(request, ctx, true);
      return streamWithRetry({
        errors,
        policy,
        timeoutMs,
        signal: options.signal,
        open: (signal) => settings.openStream(body, signal, errors),
        accumulator: () => new ChatStreamAccumulator(ctx),
        unfinished: 'the server closed the stream without a finish_reason',
      });
    },
  };
}
