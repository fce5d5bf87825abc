import type { SampleInput } from '@distillery/core';
import type { SampleStore } from '../store/sample-store';
import type { FailureRecorder } from './failure-recorder';
import { generationTag } from './generation-job';
import type { WorkItem } from './generation-work';
import type { TargetOutput } from './run-target';

/** The sample a generated output becomes: input, answer, reasoning kept apart, provenance, usage, cost. */
export function generatedSample(
  item: WorkItem,
  output: TargetOutput,
  meta: { id: string; taskId: string; tags: readonly string[]; createdAt: string },
): SampleInput {
  return {
    id: meta.id,
    taskId: meta.taskId,
    input: item.input,
    output: {
      content: output.content,
      ...(output.structured !== undefined ? { structured: output.structured } : {}),
    },
    reasoning:
      output.reasoning !== null && output.reasoningOrigin !== null
        ? {
            text: output.reasoning,
            origin: output.reasoningOrigin,
            truncated: output.reasoningTruncated,
            ...(output.reasoningMetadata !== undefined ? { metadata: output.reasoningMetadata } : {}),
          }
        : null,
    // The conversation before the input (the prompt as sent), as imported chats keep it.
    trace: output.trace.slice(
      0,
      Math.max(
        0,
        output.trace.findIndex((m) => m.role === 'user'),
      ),
    ),
    // The whole call as the playground shows it (a CoT flow's six messages).
    callTrace: output.trace,
    source: { type: 'synthetic', runConfig: item.target.runConfig },
    tags: [...new Set(['synthetic', generationTag(item.jobId), ...meta.tags])],
    rating: null,
    usage: output.usage,
    costUsd: output.costUsd,
    latencyMs: output.latencyMs,
    finishReason: output.finishReason,
    createdAt: meta.createdAt,
  };
}

export interface SampleRecorderOptions {
  store: SampleStore;
  taskId: string;
  failures: FailureRecorder;
  /** Added to every sample, after `synthetic` and `generation:<id>`. */
  tags: readonly string[];
  createId: () => string;
  now: () => Date;
}

/**
 * Stores generated samples, each committed on its own under its item's dedupe key (a sample
 * already stored under the key is not stored twice), and clears the failure it retried.
 */
export class SampleRecorder {
  /** Samples this run stored. */
  generated = 0;
  /** What the samples this run stored cost. */
  costOfGenerated = 0;

  constructor(private readonly options: SampleRecorderOptions) {}

  /** Already stored (by this or another process)? */
  has(item: WorkItem): Promise<boolean> {
    return this.options.store.hasKey(item.key);
  }

  /** Stores `output` as the sample of `item`; false when the key was already stored. */
  async record(item: WorkItem, output: TargetOutput): Promise<boolean> {
    const { store, taskId, tags, createId, now } = this.options;
    const sample = generatedSample(item, output, {
      id: createId(),
      taskId,
      tags,
      createdAt: now().toISOString(),
    });
    const result = await store.insert(sample, { dedupeKey: item.key });
    if (result.inserted) {
      this.generated++;
      this.costOfGenerated += output.costUsd ?? 0;
    }
    await this.options.failures.clear(item);
    return result.inserted;
  }
}
