import { UserError } from '@distillery/core';
import {
  type BatchProgress,
  cancelGenerationBatch,
  type SampleStore,
  type Session,
} from '@distillery/runtime';
import { formatBatchProgress } from './batch-display';
import type { CliIO } from './cli-io';
import { EXIT_INTERRUPTED } from './error-boundary';
import { formatCost } from './generation-display';

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
 * After Ctrl-C with provider batches still running: on a terminal, lists them and asks whether
 * to cancel them at the provider (finished requests are kept either way); elsewhere nothing is
 * asked and they keep running. Returns the ids of the batches it asked the provider to cancel.
 */
export async function askCancelBatches(
  io: CliIO,
  session: Session,
  store: SampleStore,
  open: readonly BatchProgress[],
): Promise<string[]> {
  if (open.length === 0 || !interactive(io)) return [];
  const list = open.map((b) => `  ${formatBatchProgress(b)}\n`).join('');
  const answer = await askLine(
    io,
    `${list}Cancel ${open.length === 1 ? 'this batch' : `these ${open.length} batches`} at the provider? Finished requests are kept either way. [y/N] `,
  );
  if (!answer || !/^y(es)?$/i.test(answer)) return [];
  const cancelled: string[] = [];
  for (const b of open) {
    await cancelGenerationBatch(session, store, b.id);
    cancelled.push(b.id);
  }
  return cancelled;
}

/** The error an interrupted batch run ends with: what keeps running, what it will cost, how to go on. */
export function batchesInterrupted(open: readonly BatchProgress[], cancelled: readonly string[]): UserError {
  const running = open.filter((b) => !cancelled.includes(b.id));
  const cost = running.reduce<number | null>(
    (sum, b) => (sum === null || b.estimatedCostUsd === null ? null : sum + b.estimatedCostUsd),
    0,
  );
  const stopping = open.length - running.length;
  const them = running.length === 1 ? 'it' : 'them';
  return new UserError(
    running.length > 0
      ? `Interrupted; ${running.length} ${running.length === 1 ? 'batch keeps' : 'batches keep'} running at the provider (about ${formatCost(cost)}).`
      : stopping > 0
        ? `Interrupted; ${stopping} ${stopping === 1 ? 'batch is' : 'batches are'} being cancelled at the provider.`
        : 'Interrupted; every result received is stored.',
    {
      exitCode: EXIT_INTERRUPTED,
      advice:
        running.length > 0
          ? `Run the same command again to wait for ${them} and store the results; \`distill batches cancel ID\` cancels one.`
          : stopping > 0
            ? 'What they finished before stopping is paid for: run the same command again to store it and send the rest anew.'
            : 'Run the same command again to continue.',
    },
  );
}
