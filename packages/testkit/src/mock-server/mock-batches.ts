import { randomUUID } from 'node:crypto';
import { randomAlnum } from './random-id';

/** Which batch API created a mock batch; it decides the shape the batch is shown in. */
export type MockBatchApi = 'openai' | 'anthropic' | 'together';

/** One request's answer, computed when the batch is created (through the chat routes and `onChat`). */
export interface MockBatchAnswer {
  /** HTTP status the request would have had on its own. */
  status: number;
  /** The response body (a chat completion or message, or an error body). */
  body: unknown;
}

export type MockBatchStatus =
  | 'validating'
  | 'in_progress'
  | 'finalizing'
  | 'completed'
  | 'expired'
  | 'cancelling'
  | 'cancelled'
  | 'failed';

/** A batch held by the mock server. */
export interface MockBatch {
  id: string;
  api: MockBatchApi;
  status: MockBatchStatus;
  /** Unix milliseconds. */
  createdAt: number;
  endedAt: number | null;
  cancelRequestedAt: number | null;
  endpoint: string;
  inputFileId: string | null;
  metadata: Record<string, string> | null;
  model: string | null;
  /** Request ids in input order. */
  customIds: string[];
  answers: Map<string, MockBatchAnswer>;
  /** How many requests (in input order) got answered before it ended; the rest expired or were cancelled. */
  answered: number;
  /** Retrievals so far (the batch moves on as it is polled). */
  polls: number;
  /**
   * File validation errors: the batch is created `validating` and fails with them at its first
   * retrieval, as OpenAI and Together report a bad input file (never as a 400 on create).
   */
  errors: { code: string; message: string; line: number | null; param: string | null }[];
  outputFileId: string | null;
  errorFileId: string | null;
}

/** How new batches behave (`server.batches.configure()`). */
export interface MockBatchSettings {
  /** Retrievals before a batch ends (the first moves it from validating to in progress). Default 2. */
  completeAfterPolls?: number;
  /** Real milliseconds after creation before it may end. Default 0. */
  completeAfterMs?: number;
  /** End as `expired` after answering only this many requests (input order); the rest expire. */
  expireAfterAnswering?: number;
  /** Requests answered before a cancel takes effect (input order). Default 0. */
  answerBeforeCancel?: number;
}

/** Test access to the mock server's batches (`server.batches`). */
export interface MockBatchesControl {
  /** Settings for batches created from now on (merged into the current ones). */
  configure(settings: MockBatchSettings): void;
  get(id: string): MockBatch | undefined;
  /** Every batch, oldest first. */
  list(): MockBatch[];
}

const DEFAULTS: Required<Omit<MockBatchSettings, 'expireAfterAnswering'>> = {
  completeAfterPolls: 2,
  completeAfterMs: 0,
  answerBeforeCancel: 0,
};

/** The batches the mock server holds, shared by the OpenAI, Anthropic and Together batch routes. */
export class MockBatches implements MockBatchesControl {
  readonly #batches = new Map<string, MockBatch>();
  readonly #settings = new Map<string, MockBatchSettings>();
  #current: MockBatchSettings = {};

  configure(settings: MockBatchSettings): void {
    this.#current = { ...this.#current, ...settings };
  }

  create(init: {
    api: MockBatchApi;
    endpoint: string;
    inputFileId: string | null;
    metadata: Record<string, string> | null;
    model: string | null;
    customIds: string[];
    answers: Map<string, MockBatchAnswer>;
    errors?: MockBatch['errors'];
  }): MockBatch {
    const id =
      init.api === 'openai'
        ? `batch_${randomAlnum(24)}`
        : init.api === 'anthropic'
          ? `msgbatch_${randomAlnum(24)}`
          : randomUUID();
    const batch: MockBatch = {
      id,
      api: init.api,
      status: init.api === 'anthropic' ? 'in_progress' : 'validating',
      createdAt: Date.now(),
      endedAt: null,
      cancelRequestedAt: null,
      endpoint: init.endpoint,
      inputFileId: init.inputFileId,
      metadata: init.metadata,
      model: init.model,
      customIds: init.customIds,
      answers: init.answers,
      answered: 0,
      polls: 0,
      errors: init.errors ?? [],
      outputFileId: null,
      errorFileId: null,
    };
    this.#batches.set(id, batch);
    this.#settings.set(id, { ...this.#current });
    return batch;
  }

  /**
   * One retrieval: the batch moves on (validating -> in progress -> ended) by the settings it was
   * created under. Returns true when it has just ended (the caller writes its result files).
   */
  poll(batch: MockBatch): boolean {
    batch.polls++;
    const settings = { ...DEFAULTS, ...this.#settings.get(batch.id) };
    if (batch.status === 'validating' && batch.errors.length > 0) {
      this.#end(batch, 'failed', 0);
      return true;
    }
    if (batch.status === 'validating') {
      batch.status = 'in_progress';
      return false;
    }
    if (batch.status === 'cancelling') {
      this.#end(batch, 'cancelled', Math.min(settings.answerBeforeCancel, batch.customIds.length));
      return true;
    }
    if (batch.status !== 'in_progress') return false;
    if (batch.polls < settings.completeAfterPolls) return false;
    if (Date.now() - batch.createdAt < settings.completeAfterMs) return false;
    const limit = settings.expireAfterAnswering;
    if (limit !== undefined && limit < batch.customIds.length) this.#end(batch, 'expired', limit);
    else this.#end(batch, 'completed', batch.customIds.length);
    return true;
  }

  /** Asks a running batch to cancel; it ends at its next retrieval. */
  cancel(batch: MockBatch): void {
    if (batch.status === 'validating' && batch.errors.length > 0) return; // it fails at its next retrieval
    if (batch.status === 'validating' || batch.status === 'in_progress') {
      batch.status = 'cancelling';
      batch.cancelRequestedAt = Date.now();
    }
  }

  #end(batch: MockBatch, status: MockBatchStatus, answered: number): void {
    batch.status = status;
    batch.answered = answered;
    batch.endedAt = Date.now();
  }

  get(id: string): MockBatch | undefined {
    return this.#batches.get(id);
  }

  /** Forgets an ended batch (Anthropic's `DELETE`). */
  delete(id: string): void {
    this.#batches.delete(id);
    this.#settings.delete(id);
  }

  list(): MockBatch[] {
    return [...this.#batches.values()];
  }

  reset(): void {
    this.#batches.clear();
    this.#settings.clear();
    this.#current = {};
  }
}
