import type { CallOptions, ChatRequest, ChatResult, ChatStreamEvent, RetryPolicy } from '@distillery/core';
import { callWithRetry } from './call-with-retry';
import { ChatStreamAccumulator } from './chat-stream-accumulator';
import { type ResultContext, readChatCompletion } from './read-chat-completion';
import { streamWithRetry } from './stream-with-retry';
import type { ErrorContext } from './to-provider-error';

/** What an OpenAI-compatible provider supplies; the SDK call stays in the provider. */
export interface ChatCompletionsSettings {
  policy: RetryPolicy;
  timeoutMs: number;
  errorContext(model: string): ErrorContext;
  resultContext(request: ChatRequest): ResultContext;
  body(request: ChatRequest, ctx: ResultContext, stream: boolean): Record<string, unknown>;
  /**
   * Sends one Chat Completions body (`chat.completions.create` of the vendor SDK): a completion,
   * or for `stream: true` bodies an async iterable of chunks. Throws what the SDK throws.
   */
  send(body: Record<string, unknown>, signal: AbortSignal, errors: ErrorContext): Promise<unknown>;
}

export interface ChatCompletionsMethods {
  chat(request: ChatRequest, options?: CallOptions): Promise<ChatResult>;
  stream(request: ChatRequest, options?: CallOptions): AsyncGenerator<ChatStreamEvent>;
}

/** `chat` and `stream` of a ModelProvider over a Chat Completions API, with retries and timeouts. */
export function chatCompletionsMethods(settings: ChatCompletionsSettings): ChatCompletionsMethods {
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
        call: async (signal) => readChatCompletion(await settings.send(body, signal, errors), ctx),
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
        open: async (signal) => (await settings.send(body, signal, errors)) as AsyncIterable<unknown>,
        accumulator: () => new ChatStreamAccumulator(ctx),
        unfinished: 'the server closed the stream without a finish_reason',
      });
    },
  };
}
