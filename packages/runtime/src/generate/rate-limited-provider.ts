import type { CallOptions, ChatRequest, ChatResult, ChatStreamEvent, ModelProvider } from '@distillery/core';
import { estimateRequestTokens } from './estimate-request-tokens';
import type { TokenBucket } from './token-bucket';

export interface RateLimits {
  /** One token per request sent. */
  requests?: TokenBucket;
  /** Prompt plus expected output tokens, estimated before a request and corrected after it. */
  tokens?: TokenBucket;
}

/** The running average of output tokens, used to estimate a request's output before it is sent. */
export interface OutputEstimator {
  estimate(request: ChatRequest): number;
  observe(outputTokens: number): void;
}

export function createOutputEstimator(initial = 256): OutputEstimator {
  let total = 0;
  let count = 0;
  return {
    estimate(request) {
      const average = count === 0 ? initial : Math.ceil(total / count);
      const max = request.parameters?.maxTokens;
      return max === undefined ? average : Math.min(max, average);
    },
    observe(outputTokens) {
      total += outputTokens;
      count++;
    },
  };
}

/**
 * Wraps a provider so every model request (each call of a multi-call flow, not each sample) waits
 * for the request and token buckets first. Token use is estimated before the request and
 * corrected with the usage the provider reports. Retries stay the provider's own business.
 */
export function rateLimitedProvider(
  provider: ModelProvider,
  limits: RateLimits,
  estimator: OutputEstimator = createOutputEstimator(),
): ModelProvider {
  if (!limits.requests && !limits.tokens) return provider;
  const before = async (request: ChatRequest, signal: AbortSignal | undefined): Promise<number> => {
    await limits.requests?.take(1, signal);
    const estimate = estimateRequestTokens(request) + estimator.estimate(request);
    await limits.tokens?.take(estimate, signal);
    return estimate;
  };
  const after = (estimate: number, result: ChatResult) => {
    estimator.observe(result.usage.outputTokens);
    limits.tokens?.adjust(estimate - (result.usage.inputTokens + result.usage.outputTokens));
  };
  return {
    ...provider,
    async chat(request: ChatRequest, options: CallOptions = {}): Promise<ChatResult> {
      const estimate = await before(request, options.signal);
      const result = await provider.chat(request, options);
      after(estimate, result);
      return result;
    },
    async *stream(request: ChatRequest, options: CallOptions = {}): AsyncGenerator<ChatStreamEvent> {
      const estimate = await before(request, options.signal);
      for await (const event of provider.stream(request, options)) {
        if (event.type === 'finish') after(estimate, event.result);
        yield event;
      }
    },
  };
}
