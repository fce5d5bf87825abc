import { InputError, UserError } from '@distillery/core';
import {
  type BatchGenerationSummary,
  cancelGenerationBatch,
  type GenerateInBatchesOptions,
  generateInBatches,
  openProjectStore,
  planBatchGeneration,
  type Session,
} from '@distillery/runtime';
import { createBatchDisplay, formatBatchPlan, formatBatchProgress } from '../batch-display';
import type { CliIO } from '../cli-io';
import { EXIT_INTERRUPTED } from '../error-boundary';
import { createProgressDisplay, formatCost, formatGenerationSummary } from '../generation-display';
import { progressStream } from '../progress-stream';
import { styleFor } from '../style';

export interface GenerateBatchFlags {
  dryRun?: boolean;
  pollIntervalMs?: number;
  json?: boolean;
}

/** Reads one answer line from stdin (the first chunk), or undefined when stdin ends. */
async function askLine(io: CliIO, question: string): Promise<string | undefined> {
  io.stderr.write(question);
  for await (const chunk of io.stdin) {
    return (typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8')).trim();
  }
  return undefined;
}

/** Whether both ends are a terminal: only then is it fair to ask a question. */
function interactive(io: CliIO): boolean {
  return io.stdout.isTTY === true && (io.stdin as { isTTY?: boolean }).isTTY === true;
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
    const cancelled: string[] = [];
    if (summary.stopReason === 'interrupted' && summary.openBatches.length > 0 && interactive(io)) {
      const list = summary.openBatches.map((b) => `  ${formatBatchProgress(b)}\n`).join('');
      const answer = await askLine(
        io,
        `${list}Cancel these ${summary.openBatches.length} batches at the provider? Finished requests are kept either way. [y/N] `,
      );
      if (answer && /^y(es)?$/i.test(answer)) {
        for (const b of summary.openBatches) {
          await cancelGenerationBatch(session, store, b.id);
          cancelled.push(b.id);
        }
      }
    }
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
    if (summary.stopReason === 'interrupted') {
      const open = summary.openBatches.length - cancelled.length;
      const cost = summary.openBatches.reduce<number | null>(
        (sum, b) => (sum === null || b.estimatedCostUsd === null ? null : sum + b.estimatedCostUsd),
        0,
      );
      throw new UserError(
        open > 0
          ? `Interrupted; ${open} ${open === 1 ? 'batch keeps' : 'batches keep'} running at the provider (about ${formatCost(cost)}).`
          : 'Interrupted; completed samples are stored.',
        {
          exitCode: EXIT_INTERRUPTED,
          advice:
            'Run the same command again to wait for them and store their results; `distill batches cancel ID` cancels one.',
        },
      );
    }
  } finally {
    await store.close();
  }
}
