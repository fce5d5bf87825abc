import { randomUUID } from 'node:crypto';
import {
  type GenerateSamplesOptions,
  type GenerationProgress,
  type GenerationSummary,
  generateSamples,
  type SampleStore,
  type Session,
} from '@distillery/runtime';
import type { GenerationRunView } from '../shared/api-types';
import { toApiError } from './to-api-error';

interface Run {
  view: GenerationRunView;
  controller: AbortController;
  listeners: Set<(view: GenerationRunView) => void>;
  done: Promise<void>;
}

function summaryView(summary: GenerationSummary): NonNullable<GenerationRunView['summary']> {
  const { source: _source, topicCostUsd: _topic, ...rest } = summary;
  return rest;
}

/**
 * The generation runs this server started: each is `generateSamples` running in the background,
 * with its latest progress for anyone who subscribes. Owned by one server, closed with it.
 */
export class GenerationRuns {
  readonly #runs = new Map<string, Run>();
  readonly #session: Session;
  readonly #store: SampleStore;

  constructor(session: Session, store: SampleStore) {
    this.#session = session;
    this.#store = store;
  }

  list(): GenerationRunView[] {
    return [...this.#runs.values()].map((run) => run.view).reverse();
  }

  get(runId: string): GenerationRunView | undefined {
    return this.#runs.get(runId)?.view;
  }

  /** Starts `generateSamples` in the background; progress reaches subscribers. */
  start(options: GenerateSamplesOptions): GenerationRunView {
    const runId = randomUUID();
    const controller = new AbortController();
    const run: Run = {
      view: {
        runId,
        taskId: options.taskId,
        runConfig: options.runConfig ?? '',
        status: 'running',
        startedAt: new Date().toISOString(),
        progress: null,
        summary: null,
        error: null,
      },
      controller,
      listeners: new Set(),
      done: Promise.resolve(),
    };
    const update = (patch: Partial<GenerationRunView>) => {
      run.view = { ...run.view, ...patch };
      for (const listener of run.listeners) listener(run.view);
    };
    this.#runs.set(runId, run);
    run.done = generateSamples(this.#session, this.#store, options, {
      signal: controller.signal,
      onProgress: (progress: GenerationProgress) => update({ progress }),
    }).then(
      (summary) =>
        update({
          status: 'finished',
          summary: summaryView(summary),
          runConfig: summary.runConfig,
        }),
      (error: unknown) => update({ status: 'failed', error: toApiError(error).body }),
    );
    return run.view;
  }

  /** Stops launching and abandons in-flight calls (nothing partial is stored); resolves when it has stopped. */
  async stop(runId: string): Promise<GenerationRunView | undefined> {
    const run = this.#runs.get(runId);
    if (!run) return undefined;
    if (run.view.status === 'running') {
      run.view = { ...run.view, status: 'stopping' };
      for (const listener of run.listeners) listener(run.view);
      run.controller.abort();
    }
    await run.done;
    return run.view;
  }

  /** Calls `listener` with every new state; returns the unsubscribe function. */
  subscribe(runId: string, listener: (view: GenerationRunView) => void): () => void {
    const run = this.#runs.get(runId);
    if (!run) return () => {};
    run.listeners.add(listener);
    return () => run.listeners.delete(listener);
  }

  /** Stops every run (the server is closing). */
  async close(): Promise<void> {
    await Promise.all([...this.#runs.keys()].map((id) => this.stop(id)));
  }
}
