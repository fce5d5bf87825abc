import {
  createTogetherProvider,
  type TogetherProvider,
  type TogetherProviderOptions,
} from './create-together-provider';

export { buildTogetherBody, togetherEffort } from './build-together-body';
export {
  createTogetherProvider,
  TOGETHER_DEFAULT_BASE_URL,
  type TogetherProvider,
  type TogetherProviderOptions,
} from './create-together-provider';
export { TOGETHER_MODELS } from './together-models';

/** Default export for configs: `provider(options?)` gives the `together` provider. */
export default function provider(options?: TogetherProviderOptions): TogetherProvider {
  return createTogetherProvider(options);
}
