import type { FineTuneMethod } from '../../../schema/fine-tune';
import type { CallOptions } from '../../model-provider/v1/model-provider-v1';
import type { FineTuneJobRequest } from './trainer-v1';

export interface PriceEstimate {
  /** False when the provider could not estimate (see unavailableReason). */
  available: boolean;
  totalPriceUsd?: number;
  trainTokens?: number;
  unavailableReason?: string;
  raw: unknown;
}

/** Capability `pricing`: what a fine-tune costs, from list prices and from the provider. */
export interface TrainerPricingV1 {
  /**
   * List price in US dollars per million training tokens (tokens x epochs), offline, for plans
   * made before any file is uploaded; undefined when unknown.
   */
  trainingPricePerMillionTokens(model: string, method: FineTuneMethod): number | undefined;
  /** What the provider says the job would cost (its files must be uploaded). */
  estimatePrice?(job: FineTuneJobRequest, options?: CallOptions): Promise<PriceEstimate>;
}
