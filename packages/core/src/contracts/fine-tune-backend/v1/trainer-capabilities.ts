import type { TrainerDeploymentsV1 } from './trainer-deployments-v1';
import type { TrainerFilesV1 } from './trainer-files-v1';
import type { TrainerHardwareV1 } from './trainer-hardware-v1';
import type { TrainerLimitsV1 } from './trainer-limits-v1';
import type { TrainerPricingV1 } from './trainer-pricing-v1';
import type { TrainerV1 } from './trainer-v1';

const fn = (value: unknown, name: string): boolean =>
  typeof (value as Record<string, unknown>)[name] === 'function';

/** The trainer keeps files on the provider (`upload`). */
export const hasFiles = <T extends TrainerV1>(t: T): t is T & TrainerFilesV1 => fn(t, 'upload');
/** The trainer deploys fine-tunes to endpoints (`deploy`, `getEndpoint`). */
export const hasDeployments = <T extends TrainerV1>(t: T): t is T & TrainerDeploymentsV1 =>
  fn(t, 'deploy') && fn(t, 'getEndpoint');
/** The trainer lists deployment hardware. */
export const hasHardware = <T extends TrainerV1>(t: T): t is T & TrainerHardwareV1 => fn(t, 'listHardware');
/** The trainer knows per-model fine-tuning limits. */
export const hasLimits = <T extends TrainerV1>(t: T): t is T & TrainerLimitsV1 => fn(t, 'limits');
/** The trainer knows list prices. */
export const hasPricing = <T extends TrainerV1>(t: T): t is T & TrainerPricingV1 =>
  fn(t, 'trainingPricePerMillionTokens');
