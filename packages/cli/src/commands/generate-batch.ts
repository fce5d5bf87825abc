import { InputError } from '@distillery/core';
import {
  type BatchGenerationSummary,
  type GenerateInBatchesOptions,
  generateInBatches,
  openProjectStore,
  planBatchGeneration,
  type Session,
} from '@distillery/runtime';
import { askCancelBatches, batchesInterrupted } from '../ask-cancel-batches';
import { createBatchDisplay, formatBatchPlan, formatBatchProgress } from '../batch-display';
import type { CliIO } from '../cli-io';
import { createProgressDisplay, formatGenerationSummary } from '../generation-display';
import { generationShortfall } from '../generation-outcome';
import { progressStream } from '../progress-stream';
import { styleFor } from '../style';

export interface GenerateBatchFlags {
  dryRun?: boolean;
  pollIntervalMs?: number;
  json?: boolean;
}

/**
 * `distill generate … --batch`: the plan (`--dry-run`), or the generation through the provider's
 * batch API with progress per batch. On Ctrl-C the batches keep running at the provider unless
 * the user, asked on a terminal, cancels them; either way the next run picks them up.
 */
export async function generateBatchCommand(
  session: Session,
  request: GenerateInBatchesOptions,
  flags: GenerateBatchFlags,
  io: CliIO,
): Promise<void> {
  const store = await openProjectStore(session);
  try {
    if (flags.dryRun) {
      if (!request.source) {
        throw new InputError('--dry-run plans a new generation: give it --inputs FILE (or --topics).');
      }
      const plan = await planBatchGeneration(session, store, {
        taskId: request.taskId,
        ...(request.runConfig ? { runConfig: request.runConfig } : {}),
        source: request.source,
        ...(request.count !== undefined ? { count: request.count } : {}),
        ...(request.maxCostUsd !== undefined ? { maxCostUsd: request.maxCostUsd } : {}),
        ...(request.maxEnqueuedTokens !== undefined ? { maxEnqueuedTokens: request.maxEnqueuedTokens } : {}),
      });
      io.stdout.write(flags.json ? `${JSON.stringify(plan)}\n` : formatBatchPlan(plan));
      return;
    }
    const out = progressStream(io, flags.json);
    const display = createProgressDisplay(out);
    const batchDisplay = createBatchDisplay(out);
    let summary: BatchGenerationSummary;
    try {
      summary = await generateInBatches(
        session,
        store,
        {
          ...request,
          ...(flags.pollIntervalMs !== undefined ? { pollIntervalMs: flags.pollIntervalMs } : {}),
        },
        {
          onProgress: (p) => display.update(p),
          onBatches: (b) => batchDisplay.update(b),
          ...(io.signal ? { signal: io.signal } : {}),
        },
      );
    } finally {
      display.end();
      batchDisplay.end();
    }
    const cancelled =
      summary.stopReason === 'interrupted'
        ? await askCancelBatches(io, session, store, summary.openBatches)
        : [];
    if (flags.json) io.stdout.write(`${JSON.stringify({ ...summary, cancelledBatches: cancelled })}\n`);
    else {
      const style = styleFor(io.stdout, io.env);
      io.stdout.write(formatGenerationSummary(summary, style));
      io.stdout.write(
        `  ${summary.batchesSubmitted} ${summary.batchesSubmitted === 1 ? 'batch' : 'batches'} (${summary.requestsSubmitted} requests) submitted · batch price ${summary.batchPricing ? `$${summary.batchPricing.inputPerMillion}/M in, $${summary.batchPricing.outputPerMillion}/M out` : 'unknown'}\n`,
      );
      for (const b of summary.openBatches) {
        io.stdout.write(
          `  ${cancelled.includes(b.id) ? 'cancelling' : 'left running'}: ${formatBatchProgress(b)}\n`,
        );
      }
    }
    if (summary.stopReason === 'interrupted') throw batchesInterrupted(summary.openBatches, cancelled);
    const shortfall = generationShortfall(summary);
    if (shortfall) throw shortfall;
  } finally {
    await store.close();
  }
}
