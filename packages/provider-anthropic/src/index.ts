import {
  type AnthropicProvider,
  type AnthropicProviderOptions,
  createAnthropicProvider,
} from './create-anthropic-provider';

export {
  AnthropicMessageAccumulator,
  mapStopReason,
  readAnthropicUsage,
  resultFromMessage,
} from './anthropic-message-accumulator';
export { ANTHROPIC_MODELS, type AnthropicModelInfo } from './anthropic-models';
export {
  type AnthropicMessageBody,
  buildAnthropicBody,
  DEFAULT_MAX_TOKENS,
  DEFAULT_MAX_TOKENS_THINKING,
  thinkingBlocksOf,
  toAnthropicMessage,
} from './build-anthropic-body';
export {
  type AnthropicBatchDeps,
  createAnthropicBatch,
  toAnthropicBatchInfo,
} from './create-anthropic-batch';
export {
  ANTHROPIC_DEFAULT_BASE_URL,
  type AnthropicProvider,
  type AnthropicProviderOptions,
  createAnthropicProvider,
} from './create-anthropic-provider';

/** Default export for configs: `provider(options?)` gives the `anthropic` provider. */
export default function provider(options?: AnthropicProviderOptions): AnthropicProvider {
  return createAnthropicProvider(options);
}
