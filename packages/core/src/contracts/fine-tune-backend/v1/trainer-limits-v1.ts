import type { CallOptions } from '../../model-provider/v1/model-provider-v1';

export interface ModelLimits {
  maxSeqLength?: number;
  supportsFullTraining?: boolean;
  supportsReasoning?: boolean;
  raw: unknown;
}

/** Capability `limits`: the provider's published limits for fine-tuning a base model. */
export interface TrainerLimitsV1 {
  limits(model: string, options?: CallOptions): Promise<ModelLimits>;
}
