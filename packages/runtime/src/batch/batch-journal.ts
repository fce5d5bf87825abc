import {
  type BatchInfoV1,
  type BatchStatusV1,
  costUsd,
  isBatchEnded,
  type ModelBatchV1,
  type ModelPricing,
  ProviderError,
  type Usage,
} from '@distillery/core';
import type { SampleStore } from '../store/sample-store';
import type { NeededRequest } from './batch-replay-provider';
import {
  GENERATION_BATCH_KIND,
  GENERATION_BATCH_RESULT_KIND,
  type GenerationBatch,
  GenerationBatchResultSchema,
  GenerationBatchSchema,
  isOpenBatch,
} from './generation-batch';

/** How one provider batch is doing, for progress displays. */
export interface BatchProgress {
  /** Distillery's id of the batch. */
  id: string;
  /** The provider's id, once it accepted the batch. */
  remoteId: string | null;
  round: number;
  status: BatchStatusV1 | 'submitting';
  requests: number;
  succeeded: number;
  failed: number;
  elapsedMs: number;
  /** Time left as the provider's progress suggests, or null when it gives none. */
  etaMs: number | null;
  /** When the provider will expire it (ISO 8601), where it says. */
  expiresAt: string | null;
  estimatedCostUsd: number | null;
}

export interface BatchJournalOptions {
  store: SampleStore;
  batch: ModelBatchV1;
  /** The batch price of the model (undefined: unknown, costs are null). */
  pricing: ModelPricing | undefined;
  runId: string;
  now: () => Date;
  createId: () => string;
  pollIntervalMs: number;
  onProgress?: (batches: BatchProgress[]) => void;
}

export interface IngestTotals {
  usage: Usage;
  costUsd: number | null;
  succeeded: number;
  failed: number;
}

const sleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    if (signal.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });

/**
 * The crash-safe life of a generation's provider batches. A batch is recorded (with every
 * request's custom id) before it is submitted, its provider id the moment the provider answers,
 * and its results one request at a time as they are downloaded (idempotently: a custom id that
 * already has a result is left alone). After a crash, `reconcile` finds a batch whose id was
 * never recorded through the provider's `find` (metadata, input file, time and size), and
 * marks one the provider never got as abandoned, so its requests are sent again; nothing the
 * provider has is ever submitted twice.
 */
export class BatchJournal {
  /** Custom ids of submitted batches not yet ingested. */
  readonly inFlight = new Set<string>();
  readonly #open = new Map<string, GenerationBatch>();
  readonly #startedAt = new Map<string, number>();

  constructor(private readonly options: BatchJournalOptions) {}

  /** The provider's batch API this journal submits to. */
  get batch(): ModelBatchV1 {
    return this.options.batch;
  }

  /** The batch price of the journal's model (undefined: unknown). */
  get pricing(): ModelPricing | undefined {
    return this.options.pricing;
  }

  /** The open batches of a task (of one generation, or of any when `jobId` is undefined). */
  static async listOpen(store: SampleStore, taskId: string): Promise<GenerationBatch[]> {
    return (await store.listRecords(GENERATION_BATCH_KIND, GenerationBatchSchema))
      .map((r) => r.value)
      .filter((b) => b.taskId === taskId && isOpenBatch(b));
  }

  /** Takes over batches an earlier run left open (finding the provider id of any never recorded). */
  async adopt(batches: readonly GenerationBatch[], signal: AbortSignal): Promise<void> {
    let knownIds: string[] | undefined;
    for (const record of batches) {
      // Interrupted while tracing: the rest stay as recorded for the next run.
      if (signal.aborted) return;
      let current = record;
      if (current.state === 'submitting' && !current.remoteId) {
        knownIds ??= (await this.options.store.listRecords(GENERATION_BATCH_KIND, GenerationBatchSchema))
          .map((r) => r.value.remoteId)
          .filter((id): id is string => typeof id === 'string');
        let found: BatchInfoV1 | undefined;
        try {
          found = await this.options.batch.find(
            {
              metadata: { distillery_batch: current.id },
              ...(current.inputId ? { inputId: current.inputId } : {}),
              submittedAt: current.submittedAt,
              requests: current.requests.length,
              customIds: current.requests.map(([customId]) => customId),
              knownIds,
            },
            { signal },
          );
        } catch (error) {
          if (signal.aborted) return;
          throw error;
        }
        if (!found) {
          await this.#put({ ...current, state: 'abandoned' });
          continue;
        }
        current = this.#withInfo({ ...current, state: 'submitted', remoteId: found.id }, found);
        await this.#put(current);
        knownIds.push(found.id);
      }
      this.#track(current);
    }
  }

  /**
   * Records and submits `requests` (one model) as one batch. The record exists before the
   * provider hears of it; the provider's id is stored as soon as it answers.
   */
  async submit(
    base: Pick<GenerationBatch, 'taskId' | 'jobId' | 'runConfig' | 'provider' | 'model' | 'round'>,
    requests: readonly NeededRequest[],
    estimate: { costUsd: number | null; inputTokens?: number },
    signal: AbortSignal,
  ): Promise<GenerationBatch> {
    const estimatedCostUsd = estimate.costUsd;
    let record: GenerationBatch = {
      ...base,
      ...(estimate.inputTokens !== undefined ? { estimatedInputTokens: estimate.inputTokens } : {}),
      id: `db-${this.options
        .createId()
        .replace(/[^A-Za-z0-9]/g, '')
        .slice(0, 24)}`,
      requests: requests.map((r) => [r.customId, r.key]),
      state: 'submitting',
      submittedAt: this.options.now().toISOString(),
      estimatedCostUsd,
    };
    await this.#put(record);
    this.#track(record);
    let info: BatchInfoV1;
    try {
      info = await this.options.batch.submit(
        {
          model: base.model,
          requests: requests.map((r) => ({ customId: r.customId, request: r.request })),
          metadata: { distillery_batch: record.id },
          onInputStored: async (inputId) => {
            record = { ...record, inputId };
            await this.#put(record);
          },
        },
        { signal },
      );
    } catch (error) {
      // The provider answered with an error: it has no batch, and the requests are free again.
      // Without an answer (connection lost, aborted) the record stays `submitting` for `adopt`.
      this.#untrack(record);
      // A status: the provider refused it. `bad-request` without one: the adapter refused it before
      // uploading anything. Either way no batch exists.
      if (ProviderError.isInstance(error) && (error.status !== undefined || error.kind === 'bad-request')) {
        await this.#put({ ...record, state: 'abandoned', errors: [error.message] });
      }
      throw error;
    }
    record = this.#withInfo({ ...record, state: 'submitted', remoteId: info.id }, info);
    await this.#put(record);
    this.#track(record);
    return record;
  }

  /** Whether some batch is still open. */
  get open(): boolean {
    return this.#open.size > 0;
  }

  /** Prompt tokens the open batches hold at the provider, as estimated at submission (unknown counts 0). */
  openInputTokens(): number {
    let total = 0;
    for (const b of this.#open.values()) total += b.estimatedInputTokens ?? 0;
    return total;
  }

  /** The open batches, as recorded. */
  openBatches(): GenerationBatch[] {
    return [...this.#open.values()];
  }

  /**
   * Polls the open batches until every one has ended and is ingested, or `signal` aborts (the
   * batches then keep running at the provider, recorded for the next run).
   */
  async waitAll(signal: AbortSignal): Promise<IngestTotals> {
    const totals: IngestTotals = {
      usage: { inputTokens: 0, outputTokens: 0 },
      costUsd: 0,
      succeeded: 0,
      failed: 0,
    };
    let first = true;
    while (this.#open.size > 0 && !signal.aborted) {
      if (!first) await sleep(this.options.pollIntervalMs, signal);
      first = false;
      if (signal.aborted) break;
      for (const record of [...this.#open.values()]) {
        if (signal.aborted) break;
        if (!record.remoteId) {
          // Submitting in this process failed without an answer: trace it next run.
          this.#untrack(record);
          continue;
        }
        let info: BatchInfoV1;
        try {
          info = await this.options.batch.get(record.remoteId, { signal });
        } catch (error) {
          if (signal.aborted) break; // Ctrl-C mid-poll: the batch keeps running, recorded
          throw error;
        }
        const updated = this.#withInfo(record, info);
        if (updated.status !== record.status || updated.counts?.succeeded !== record.counts?.succeeded) {
          await this.#put(updated);
        }
        this.#open.set(updated.id, updated);
        if (isBatchEnded(info.status)) {
          let got: IngestTotals | undefined;
          try {
            got = await this.#ingest(updated, info, signal);
          } catch (error) {
            if (signal.aborted) break; // mid-download: the next run downloads again
            throw error;
          }
          if (!got) break;
          totals.usage = {
            inputTokens: totals.usage.inputTokens + got.usage.inputTokens,
            outputTokens: totals.usage.outputTokens + got.usage.outputTokens,
          };
          totals.costUsd =
            totals.costUsd === null || got.costUsd === null ? null : totals.costUsd + got.costUsd;
          totals.succeeded += got.succeeded;
          totals.failed += got.failed;
        }
      }
      this.#report();
    }
    return totals;
  }

  /** Progress of the open batches. */
  progress(): BatchProgress[] {
    const now = Date.now();
    return [...this.#open.values()].map((b) => {
      const started = this.#startedAt.get(b.id) ?? now;
      const elapsedMs = now - started;
      const total = b.counts?.total ?? b.requests.length;
      const done = (b.counts?.succeeded ?? 0) + (b.counts?.failed ?? 0);
      const fraction = b.progress ?? (total > 0 ? done / total : 0);
      return {
        id: b.id,
        remoteId: b.remoteId ?? null,
        round: b.round,
        status: b.status ?? 'submitting',
        requests: b.requests.length,
        succeeded: b.counts?.succeeded ?? 0,
        failed: b.counts?.failed ?? 0,
        elapsedMs,
        etaMs: fraction > 0 && fraction < 1 ? Math.round((elapsedMs / fraction) * (1 - fraction)) : null,
        expiresAt: b.expiresAt ?? null,
        estimatedCostUsd: b.estimatedCostUsd,
      };
    });
  }

  #report(): void {
    this.options.onProgress?.(this.progress());
  }

  /**
   * Stores every result of an ended batch (as downloaded, skipping custom ids already stored),
   * then a `missing` failure for each request the provider returned nothing for, then marks the
   * batch ingested. Undefined when aborted midway (the next run downloads again).
   */
  async #ingest(
    record: GenerationBatch,
    info: BatchInfoV1,
    signal: AbortSignal,
  ): Promise<IngestTotals | undefined> {
    const { store, batch, pricing, runId } = this.options;
    const keys = new Map(record.requests);
    const seen = new Set<string>();
    const totals: IngestTotals = {
      usage: { inputTokens: 0, outputTokens: 0 },
      costUsd: 0,
      succeeded: 0,
      failed: 0,
    };
    for await (const result of batch.results(info, { signal })) {
      if (signal.aborted) return undefined;
      const key = keys.get(result.customId);
      if (key === undefined || seen.has(result.customId)) continue; // not ours, or a repeated line
      seen.add(result.customId);
      const stored = await store.getRecord(
        GENERATION_BATCH_RESULT_KIND,
        result.customId,
        GenerationBatchResultSchema,
      );
      if (result.type === 'succeeded') {
        // Paid for: counted whether or not this run stored it first.
        const usage = batch.read({ model: record.model, messages: [] }, result.body).usage;
        totals.usage.inputTokens += usage.inputTokens;
        totals.usage.outputTokens += usage.outputTokens;
        const cost = costUsd(pricing, usage);
        totals.costUsd = totals.costUsd === null || cost === null ? null : totals.costUsd + cost;
        totals.succeeded++;
      } else {
        totals.failed++;
      }
      if (stored) continue;
      await store.putRecord(
        GENERATION_BATCH_RESULT_KIND,
        result.customId,
        result.type === 'succeeded'
          ? { state: 'succeeded', customId: result.customId, key, batchId: record.id, body: result.body }
          : {
              state: 'failed',
              customId: result.customId,
              key,
              batchId: record.id,
              type: result.type,
              reason: result.reason,
              ...(result.code !== undefined ? { code: result.code } : {}),
              ...(result.status !== undefined ? { status: result.status } : {}),
              runId,
            },
      );
    }
    if (signal.aborted) return undefined;
    const why =
      info.errors && info.errors.length > 0
        ? `batch ${info.status}: ${info.errors.join('; ')}`
        : `not in the results of batch ${record.remoteId} (${info.rawStatus})`;
    for (const [customId, key] of record.requests) {
      if (seen.has(customId)) continue;
      if (await store.getRecord(GENERATION_BATCH_RESULT_KIND, customId)) continue;
      totals.failed++;
      await store.putRecord(GENERATION_BATCH_RESULT_KIND, customId, {
        state: 'failed',
        customId,
        key,
        batchId: record.id,
        type: info.status === 'expired' ? 'expired' : info.status === 'cancelled' ? 'cancelled' : 'missing',
        reason: why,
        runId,
      });
    }
    const done: GenerationBatch = { ...record, state: 'ingested', costUsd: totals.costUsd };
    await this.#put(done);
    this.#untrack(done);
    return totals;
  }

  #withInfo(record: GenerationBatch, info: BatchInfoV1): GenerationBatch {
    return {
      ...record,
      status: info.status,
      rawStatus: info.rawStatus,
      counts: info.counts,
      createdAt: info.createdAt,
      ...(info.progress !== undefined ? { progress: info.progress } : {}),
      ...(info.expiresAt ? { expiresAt: info.expiresAt } : {}),
      ...(info.endedAt ? { endedAt: info.endedAt } : {}),
      ...(info.errors ? { errors: info.errors } : {}),
    };
  }

  #track(record: GenerationBatch): void {
    this.#open.set(record.id, record);
    if (!this.#startedAt.has(record.id)) {
      const created = Date.parse(record.createdAt ?? record.submittedAt);
      this.#startedAt.set(record.id, Number.isFinite(created) ? created : Date.now());
    }
    for (const [customId] of record.requests) this.inFlight.add(customId);
  }

  #untrack(record: GenerationBatch): void {
    this.#open.delete(record.id);
    for (const [customId] of record.requests) this.inFlight.delete(customId);
  }

  async #put(record: GenerationBatch): Promise<void> {
    await this.options.store.putRecord(GENERATION_BATCH_KIND, record.id, record);
  }
}
