import {
  createTogetherFineTuneBackend,
  type TogetherFineTuneBackend,
  type TogetherFineTuneBackendOptions,
} from './create-together-fine-tune-backend';
import {
  createTogetherProvider,
  type TogetherProvider,
  type TogetherProviderOptions,
} from './create-together-provider';

export { buildTogetherBody, togetherEffort } from './build-together-body';
export { buildTogetherFineTuneBody } from './build-together-fine-tune-body';
export {
  createTogetherFineTuneBackend,
  type TogetherChecker,
  type TogetherCheckpoint,
  type TogetherDeployment,
  type TogetherDeployRequest,
  type TogetherFineTuneBackend,
  type TogetherFineTuneBackendOptions,
  type TogetherHardware,
  type TogetherPriceEstimate,
  type UploadedTogetherFile,
} from './create-together-fine-tune-backend';
export {
  createTogetherProvider,
  TOGETHER_DEFAULT_BASE_URL,
  TOGETHER_SETTINGS,
  type TogetherProvider,
  type TogetherProviderOptions,
} from './create-together-provider';
export { toTogetherEvent } from './to-together-event';
export { normalizeTogetherStatus, TOGETHER_STATUS_MAP } from './together-fine-tune-status';
export type { HyperparameterViolation, TogetherHyperparameters } from './together-hyperparameters';
export { type TogetherModelLimits, toModelLimits } from './together-model-limits';
export { TOGETHER_MODELS } from './together-models';
export {
  type TogetherFileResponse,
  type TogetherUploadSettings,
  uploadTogetherFile,
} from './upload-together-file';
export { validateHyperparameters } from './validate-hyperparameters';

export type TogetherOptions = TogetherProviderOptions & TogetherFineTuneBackendOptions;

/**
 * Default export for configs: `together(options?)` gives the `together` model provider and the
 * `together` fine-tune backend (different kinds may share an id), built from the same options.
 */
export default function together(options: TogetherOptions = {}): [TogetherProvider, TogetherFineTuneBackend] {
  return [createTogetherProvider(options), createTogetherFineTuneBackend(options)];
}
