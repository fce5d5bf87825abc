import {
  type ChatRequest,
  type ChatResult,
  type ChatStreamEvent,
  type ModelProvider,
  ProviderError,
} from '@distillery/core';

/**
 * A minimal OpenAI-compatible provider over real HTTP (fetch), for runtime tests against the
 * testkit mock server: JSON chat completions, `reasoning_content`, usage, and retries of 429/5xx
 * and dropped connections announced as `retry` stream events, like the real providers.
 */
export function httpProvider(options: { baseURL: string; maxRetries?: number; id?: string }): ModelProvider {
  const id = options.id ?? 'mock';
  const attempt = async (request: ChatRequest, signal?: AbortSignal): Promise<ChatResult> => {
    let response: Response;
    try {
      response = await fetch(`${options.baseURL}/chat/completions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: 'Bearer sk-test' },
        body: JSON.stringify({
          model: request.model,
          messages: request.messages.map((m) => ({ role: m.role, content: m.content })),
        }),
        ...(signal ? { signal } : {}),
      });
    } catch (error) {
      if (signal?.aborted) throw new ProviderError('aborted', { provider: id, kind: 'aborted' });
      throw new ProviderError(`connection failed: ${(error as Error).message}`, {
        provider: id,
        kind: 'connection',
        retryable: true,
      });
    }
    if (!response.ok) {
      const kind = response.status === 429 ? 'rate-limit' : response.status >= 500 ? 'server' : 'bad-request';
      const status = response.status;
      throw new ProviderError(`HTTP ${status}: ${await response.text()}`, {
        provider: id,
        kind: status === 401 ? 'auth' : kind,
        status,
        retryable: kind !== 'bad-request',
      });
    }
    const body = (await response.json()) as {
      model: string;
      choices: { message: { content: string; reasoning_content?: string }; finish_reason: string }[];
      usage: { prompt_tokens: number; completion_tokens: number };
    };
    const choice = body.choices[0]!;
    return {
      content: choice.message.content,
      reasoning: choice.message.reasoning_content ?? null,
      reasoningExposure: choice.message.reasoning_content ? 'field' : 'none',
      finishReason: choice.finish_reason === 'length' ? 'length' : 'stop',
      rawFinishReason: choice.finish_reason,
      usage: { inputTokens: body.usage.prompt_tokens, outputTokens: body.usage.completion_tokens },
      model: body.model,
      raw: body,
    };
  };
  async function* stream(request: ChatRequest, callOptions: { signal?: AbortSignal } = {}) {
    for (let retries = 0; ; retries++) {
      try {
        const result = await attempt(request, callOptions.signal);
        if (result.reasoning) yield { type: 'reasoning-delta', text: result.reasoning } satisfies ChatStreamEvent;
        yield { type: 'content-delta', text: result.content } satisfies ChatStreamEvent;
        yield { type: 'finish', result } satisfies ChatStreamEvent;
        return;
      } catch (error) {
        const e = error as ProviderError;
        if (!e.retryable || retries >= (options.maxRetries ?? 2)) throw error;
        yield { type: 'retry', attempt: retries + 1, reason: e.message } satisfies ChatStreamEvent;
      }
    }
  }
  return {
    specificationVersion: 'v1',
    kind: 'model-provider',
    id,
    models: [
      {
        id: 'teacher',
        provider: id,
        reasoning: 'field',
        structuredOutput: ['json_schema'],
        pricing: { inputPerMillion: 1_000_000, outputPerMillion: 1_000_000 },
      },
    ],
    chat: async (request, callOptions) => {
      for await (const event of stream(request, callOptions)) if (event.type === 'finish') return event.result;
      throw new Error('no result');
    },
    stream,
  };
}
