import type { TrainerDeploymentsV1 } from './trainer-deployments-v1';
import type { TrainerFilesV1 } from './trainer-files-v1';
import type { TrainerHardwareV1 } from './trainer-hardware-v1';
import type { TrainerJobValidationV1 } from './trainer-job-validation-v1';
import type { TrainerLimitsV1 } from './trainer-limits-v1';
import type { TrainerPricingV1 } from './trainer-pricing-v1';
import type { TrainerV1 } from './trainer-v1';

/**
 * A fine-tune backend as the runtime sees it: the required trainer contract plus whichever
 * optional capabilities it offers. Ask with the `has…` guards (see `trainer-capabilities.ts`),
 * never by the backend's id.
 */
export type FineTuneBackendV1 = TrainerV1 &
  Partial<TrainerFilesV1> &
  Partial<TrainerDeploymentsV1> &
  Partial<TrainerHardwareV1> &
  Partial<TrainerJobValidationV1> &
  Partial<TrainerLimitsV1> &
  Partial<TrainerPricingV1>;

/** The current fine-tune backend contract. */
export type FineTuneBackend = FineTuneBackendV1;
