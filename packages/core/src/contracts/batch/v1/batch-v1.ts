import type { ModelPricing } from '../../model-catalog';
import type { ChatRequest, ChatResult } from '../../model-provider';

/**
 * Batch generation, an optional capability of a model provider (`provider.batch`): many chat
 * requests submitted as one provider-side job, answered within the provider's window (24 h) at
 * the provider's batch price. The runtime keeps the journal (ids recorded before submission and
 * on acceptance, results stored by request id); a provider only speaks its wire format.
 */
export interface ModelBatchV1 {
  readonly specificationVersion: 'v1';
  /** How big one batch may be, and what a request id may look like. */
  readonly limits: BatchLimitsV1;
  /**
   * The batch price of a model, or undefined when it is not known. `direct` is the model's
   * direct price as the catalog (or the user's config) knows it, for providers whose batch price
   * follows from it.
   */
  pricing(model: string, direct: ModelPricing | undefined): ModelPricing | undefined;
  /** The bytes `request` takes in a batch (its line in the input file), for sizing batches. */
  size(request: BatchRequestV1): number;
  /**
   * Submits requests as one batch (one model). Calls `onInputStored` with the provider's id of
   * the uploaded input (file-based APIs) before the batch is created, so a crash after that is
   * traced by `find`. Resolves once the provider has accepted the batch.
   */
  submit(submission: BatchSubmissionV1, options?: BatchCallOptionsV1): Promise<BatchInfoV1>;
  /** The batch's current state. */
  get(id: string, options?: BatchCallOptionsV1): Promise<BatchInfoV1>;
  /** Recent batches, newest first (at most `limit`). */
  list(options?: BatchCallOptionsV1 & { limit?: number }): Promise<BatchInfoV1[]>;
  /**
   * After a crash between submitting and recording the id: the batch made from this submission,
   * found by the metadata it was created with, its input file, or its time and size.
   */
  find(trace: BatchTraceV1, options?: BatchCallOptionsV1): Promise<BatchInfoV1 | undefined>;
  /** Asks the provider to cancel; finished requests stay available as results. */
  cancel(id: string, options?: BatchCallOptionsV1): Promise<BatchInfoV1>;
  /**
   * Every result the provider holds for an ended batch (succeeded and failed lines, in any
   * order), as the wire gave them. Throws a ProviderError when the batch says it has results the
   * provider will not hand over (completed without an output file).
   */
  results(batch: BatchInfoV1, options?: BatchCallOptionsV1): AsyncIterable<BatchResultV1>;
  /** A succeeded result's wire body as the result of `request`. */
  read(request: ChatRequest, body: unknown): ChatResult;
}

export interface BatchCallOptionsV1 {
  signal?: AbortSignal;
}

export interface BatchLimitsV1 {
  /** Requests per batch. */
  maxRequests: number;
  /** Bytes of input per batch (the file, or the request body). */
  maxBytes: number;
  /** Longest request id; ids use only `[A-Za-z0-9_-]`. */
  maxCustomIdLength: number;
}

/** One request of a batch, under an id unique within the batch. */
export interface BatchRequestV1 {
  customId: string;
  request: ChatRequest;
}

export interface BatchSubmissionV1 {
  model: string;
  requests: readonly BatchRequestV1[];
  /** Sent as the batch's metadata where the API takes any (the runtime's id of the batch). */
  metadata: Record<string, string>;
  /** Called with the provider's id of the stored input, before the batch is created. */
  onInputStored?: (inputId: string) => Promise<void> | void;
}

/** What the runtime recorded about a submission whose batch id it never got. */
export interface BatchTraceV1 {
  metadata: Record<string, string>;
  /** The id `onInputStored` gave, if it was recorded. */
  inputId?: string;
  /** When the submission started (ISO 8601). */
  submittedAt: string;
  requests: number;
  /**
   * The custom ids of the submission's requests, for APIs that can only match a batch by its time
   * and size: an ended candidate's results then tell for certain whether it is this submission.
   */
  customIds?: readonly string[];
  /**
   * Provider ids of batches the runtime already holds records of: never this one (for APIs that
   * can only match a batch by its time and size).
   */
  knownIds?: readonly string[];
}

/**
 * Normalised batch states: `validating` and `running` and `finalizing` are on the way,
 * `cancelling` is cancelling, the rest are ended.
 */
export type BatchStatusV1 =
  | 'validating'
  | 'running'
  | 'finalizing'
  | 'cancelling'
  | 'completed'
  | 'expired'
  | 'cancelled'
  | 'failed';

export const ENDED_BATCH_STATUSES: readonly BatchStatusV1[] = ['completed', 'expired', 'cancelled', 'failed'];

export function isBatchEnded(status: BatchStatusV1): boolean {
  return ENDED_BATCH_STATUSES.includes(status);
}

export interface BatchInfoV1 {
  id: string;
  status: BatchStatusV1;
  /** The provider's own status. */
  rawStatus: string;
  model?: string;
  /** Request counts as the provider reports them (some only fill them in at the end). */
  counts: { total: number | null; succeeded: number; failed: number };
  /** ISO 8601. */
  createdAt: string;
  expiresAt?: string;
  endedAt?: string;
  /** 0 to 1, where the provider reports progress. */
  progress?: number;
  metadata?: Record<string, string>;
  /** The provider's id of the input (file-based APIs). */
  inputId?: string;
  /** Why the whole batch failed (validation errors), where given. */
  errors?: string[];
  raw: unknown;
}

export type BatchResultV1 =
  | { customId: string; type: 'succeeded'; body: unknown }
  | {
      customId: string;
      type: 'errored' | 'expired' | 'cancelled';
      /** What went wrong, as the provider said it. */
      reason: string;
      code?: string;
      status?: number;
    };
