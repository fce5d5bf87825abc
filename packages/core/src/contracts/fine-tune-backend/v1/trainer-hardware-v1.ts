import type { CallOptions } from '../../model-provider/v1/model-provider-v1';

export interface HardwareOption {
  id: string;
  /** US cents per minute of one replica, when the provider says. */
  centsPerMinute?: number;
  available?: boolean;
  raw: unknown;
}

/** Capability `hardware`: what a fine-tune can be deployed on. */
export interface TrainerHardwareV1 {
  /** Hardware a fine-tune of `model` can be deployed on. */
  listHardware(model?: string, options?: CallOptions): Promise<HardwareOption[]>;
}
