import { costUsd, DistilleryError, ProviderError, UserError } from '@distillery/core';
import { estimateRequestTokens } from '../generate/estimate-request-tokens';
import type { GenerationTarget } from '../generate/generation-target';
import { runTarget, type TargetOutput } from '../generate/run-target';
import type { SampleStore } from '../store/sample-store';
import type { BatchJournal, IngestTotals } from './batch-journal';
import { AwaitingBatch, batchReplayProvider, type NeededRequest } from './batch-replay-provider';
import type { GenerationBatch } from './generation-batch';
import { planBatches } from './plan-batches';

/** One flow to run through batches: `key` is unique and stable across runs (it makes the custom ids). */
export interface BatchRoundItem {
  key: string;
  target: GenerationTarget;
  input: string;
}

/** The items, read lazily (a generation's work can be big). */
export interface BatchRoundItems<T extends BatchRoundItem> {
  readonly length: number;
  item(index: number): T;
}

export interface BatchRoundsOptions<T extends BatchRoundItem> {
  store: SampleStore;
  runId: string;
  signal: AbortSignal;
  /** The journal of an item's provider and model (its batch price is the journal's). */
  journalFor: (item: T) => BatchJournal;
  /** What a batch of this item is recorded under (`distill batches list` shows `runConfig`). */
  recordFor: (item: T) => Pick<GenerationBatch, 'taskId' | 'jobId' | 'runConfig'>;
  /** Send requests again whose failure an earlier run recorded. */
  retryFailed: boolean;
  /** Whether an item no batch has touched yet may start, given how many started this round (a count). */
  admit?: (startedThisRound: number) => boolean;
  /** Stop submitting once what is spent, plus what open batches will cost, would pass this. */
  maxCostUsd?: number;
  /** What this run spent outside these batches (counted against `maxCostUsd`); null: unknown. */
  spentElsewhere?: () => number | null;
  /**
   * Prompt tokens a model's open batches may hold at the provider at once (OpenAI's per-model
   * "enqueued token" quota, Together's 30B): batches are cut to fit, and one that would pass it
   * waits until earlier ones end, instead of failing at the provider.
   */
  maxEnqueuedTokens?: number;
  /** Output tokens to expect per request when pricing a batch (default: `maxTokens`, else what earlier results used, else 1,000). */
  expectedOutputTokens?: number;
  /** An item's flow finished: its output at the batch price. */
  onDone: (item: T, output: TargetOutput) => Promise<void>;
  /** An item's flow failed (a request came back failed, or the flow refused the answer). */
  onFailed: (item: T, error: unknown) => Promise<void>;
  /** After every replay of the items (a round). */
  onRound?: () => void;
  /** Results of ended batches, as they are ingested (paid for, whether or not an item finished). */
  onIngested?: (totals: IngestTotals) => void;
  /** After each submission and each poll: every journal's open batches. */
  onBatches?: () => void;
}

export interface BatchRoundsResult {
  /** Why it stopped early; undefined when every item finished or failed. */
  stop: 'interrupted' | 'budget' | undefined;
  batchesSubmitted: number;
  requestsSubmitted: number;
}

const DEFAULT_OUTPUT_TOKENS = 1000;

interface Needed<T> {
  item: T;
  journal: BatchJournal;
  request: NeededRequest;
}

/**
 * Runs each item's flow through its provider's batch API, round by round. Every round replays
 * every unfinished item from the stored results (see `batchReplayProvider`): it finishes, fails,
 * or names the request it needs next. The needed requests are priced against `maxCostUsd`,
 * split into batches the provider accepts, and submitted through the item's journal (recorded
 * before submission); then the open batches are polled until they end and are ingested, and the
 * next round replays again. Nothing a batch holds is sent twice; an abort leaves the open
 * batches recorded for the next run. Shared by `generateInBatches` and `answerInBatches`.
 */
export async function runBatchRounds<T extends BatchRoundItem>(
  items: BatchRoundItems<T>,
  options: BatchRoundsOptions<T>,
): Promise<BatchRoundsResult> {
  const { signal, store, runId } = options;
  const journals = new Set<BatchJournal>();
  const done = new Uint8Array(items.length);
  let budgetHit = false;
  let batchesSubmitted = 0;
  let requestsSubmitted = 0;
  let ingested = { costUsd: 0 as number | null, outputTokens: 0, requests: 0 };

  const expectedOutput = (request: NeededRequest) =>
    options.expectedOutputTokens ??
    request.request.parameters?.maxTokens ??
    (ingested.requests > 0 ? Math.ceil(ingested.outputTokens / ingested.requests) : DEFAULT_OUTPUT_TOKENS);
  const estimate = (need: Needed<T>) =>
    costUsd(need.journal.pricing, {
      inputTokens: estimateRequestTokens(need.request.request),
      outputTokens: expectedOutput(need.request),
    });

  for (;;) {
    // Replay every unfinished item: finish it, fail it, or learn what it needs.
    const need: Needed<T>[] = [];
    let started = 0;
    for (let index = 0; index < items.length && !signal.aborted; index++) {
      if (done[index]) continue;
      const item = items.item(index);
      const journal = options.journalFor(item);
      journals.add(journal);
      const base = item.target.provider;
      const wanted: NeededRequest[] = [];
      const provider = batchReplayProvider(
        base,
        item.key,
        { store, batch: journal.batch, inFlight: journal.inFlight, runId, retryFailed: options.retryFailed },
        (request) => wanted.push(request),
      );
      try {
        const output = await runTarget(item.target, item.input, { provider, signal, stream: false });
        done[index] = 1;
        await options.onDone(item, { ...output, costUsd: costUsd(journal.pricing, output.usage) });
      } catch (error) {
        if (error instanceof AwaitingBatch) {
          if (provider.touched || !options.admit || options.admit(started)) {
            started++;
            for (const request of wanted) need.push({ item, journal, request });
          }
          continue;
        }
        if (signal.aborted) break;
        if (
          !DistilleryError.isInstance(error) ||
          (ProviderError.isInstance(error) && error.kind === 'aborted')
        ) {
          throw error;
        }
        done[index] = 1;
        await options.onFailed(item, error);
      }
    }
    options.onRound?.();
    if (signal.aborted) return { stop: 'interrupted', batchesSubmitted, requestsSubmitted };

    // Price what is needed against the budget: what was spent, plus what open batches will cost.
    let accepted = need;
    if (options.maxCostUsd !== undefined && need.length > 0) {
      const elsewhere = options.spentElsewhere?.() ?? 0;
      let committed: number | null =
        elsewhere === null || ingested.costUsd === null ? null : elsewhere + ingested.costUsd;
      if (committed !== null) {
        for (const journal of journals) {
          for (const open of journal.openBatches()) committed += open.estimatedCostUsd ?? 0;
        }
        accepted = [];
        for (const wanted of need) {
          const cost = estimate(wanted) ?? 0;
          if (committed + cost > options.maxCostUsd) break;
          committed += cost;
          accepted.push(wanted);
        }
      }
    }
    // The last round's verdict: a later round may fit what an earlier estimate did not.
    budgetHit = accepted.length < need.length;

    // Submit in batches the provider accepts: per journal, per recorded run config, per call.
    for (const [journal, group] of groupBy(accepted, (n) => n.journal)) {
      for (const [, labelled] of groupBy(group, (n) => options.recordFor(n.item).runConfig)) {
        const first = labelled[0]!.item;
        const byCustomId = new Map(labelled.map((n) => [n.request.customId, n]));
        for (const requests of planBatches(
          journal.batch,
          labelled.map((n) => n.request),
          options.maxEnqueuedTokens,
        )) {
          const estimated = requests.reduce<number | null>((sum, request) => {
            const cost = estimate(byCustomId.get(request.customId)!);
            return sum === null || cost === null ? null : sum + cost;
          }, 0);
          const inputTokens = requests.reduce((sum, r) => sum + estimateRequestTokens(r.request), 0);
          if (options.maxEnqueuedTokens !== undefined) {
            if (inputTokens > options.maxEnqueuedTokens) {
              throw new UserError(
                `One request of ${first.target.runConfig.model} needs about ${inputTokens} prompt tokens, more than --max-enqueued-tokens ${options.maxEnqueuedTokens}.`,
                {
                  advice:
                    "Raise --max-enqueued-tokens to the provider's quota for this model, or shorten the input.",
                },
              );
            }
            // Over the quota with earlier batches still queued: it waits for the next round.
            if (journal.open && journal.openInputTokens() + inputTokens > options.maxEnqueuedTokens) continue;
          }
          try {
            await journal.submit(
              {
                ...options.recordFor(first),
                provider: first.target.runConfig.provider,
                model: first.target.runConfig.model,
                round: requests[0]!.call,
              },
              requests,
              { costUsd: estimated, inputTokens },
              signal,
            );
          } catch (error) {
            if (signal.aborted) return { stop: 'interrupted', batchesSubmitted, requestsSubmitted };
            throw error;
          }
          batchesSubmitted++;
          requestsSubmitted += requests.length;
          options.onBatches?.();
        }
      }
    }
    if (signal.aborted) return { stop: 'interrupted', batchesSubmitted, requestsSubmitted };

    // Wait for every open batch (of every journal at once) to end and be ingested.
    const open = [...journals].filter((j) => j.open);
    if (open.length === 0) break;
    const totals = await Promise.all(open.map((journal) => journal.waitAll(signal)));
    for (const got of totals) {
      ingested = {
        costUsd: ingested.costUsd === null || got.costUsd === null ? null : ingested.costUsd + got.costUsd,
        outputTokens: ingested.outputTokens + got.usage.outputTokens,
        requests: ingested.requests + got.succeeded,
      };
      options.onIngested?.(got);
    }
    if (signal.aborted) return { stop: 'interrupted', batchesSubmitted, requestsSubmitted };
  }
  return { stop: budgetHit ? 'budget' : undefined, batchesSubmitted, requestsSubmitted };
}

function groupBy<V, K>(values: readonly V[], keyOf: (value: V) => K): Map<K, V[]> {
  const groups = new Map<K, V[]>();
  for (const value of values) {
    const key = keyOf(value);
    const list = groups.get(key);
    if (list) list.push(value);
    else groups.set(key, [value]);
  }
  return groups;
}
