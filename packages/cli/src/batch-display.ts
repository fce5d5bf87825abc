import type { BatchGenerationPlan, BatchProgress, GenerationBatch } from '@distillery/runtime';
import type { OutputStream } from './cli-io';
import { formatCost, formatDuration, formatTokens } from './generation-display';

/** One line per open batch: id, status, counts, elapsed, ETA, what it will cost. */
export function formatBatchProgress(b: BatchProgress): string {
  return [
    `${b.id}${b.remoteId ? ` (${b.remoteId})` : ''}`,
    `round ${b.round + 1}`,
    b.status,
    `${b.succeeded + b.failed}/${b.requests} done${b.failed > 0 ? ` (${b.failed} failed)` : ''}`,
    `elapsed ${formatDuration(b.elapsedMs)}`,
    `ETA ${b.etaMs === null ? '—' : formatDuration(b.etaMs)}`,
    `est. ${formatCost(b.estimatedCostUsd)}`,
  ].join(' · ');
}

/**
 * Batch progress: on a terminal the open batches redrawn in place; elsewhere their lines each
 * time a status or count changes.
 */
export function createBatchDisplay(stream: OutputStream): {
  update(batches: BatchProgress[]): void;
  end(): void;
} {
  const tty = stream.isTTY === true;
  let drawn = 0;
  let last = '';
  return {
    update(batches) {
      const lines = batches.map(formatBatchProgress);
      const key = batches.map((b) => `${b.id}:${b.status}:${b.succeeded}:${b.failed}`).join('|');
      if (tty) {
        if (drawn > 0) stream.write(`\x1b[${drawn}F\x1b[0J`);
        stream.write(lines.map((l) => `${l}\n`).join(''));
        drawn = lines.length;
      } else if (key !== last) {
        stream.write(lines.map((l) => `${l}\n`).join(''));
      }
      last = key;
    },
    end() {
      if (tty && drawn > 0) stream.write(`\x1b[${drawn}F\x1b[0J`);
      drawn = 0;
    },
  };
}

const price = (p: { inputPerMillion: number; outputPerMillion: number } | null) =>
  p ? `$${p.inputPerMillion}/M in, $${p.outputPerMillion}/M out` : 'unknown';

/** The `--batch --dry-run` plan for people. */
export function formatBatchPlan(plan: BatchGenerationPlan): string {
  const lines = [
    `Plan: ${plan.taskId} with ${plan.runConfig} (${plan.provider}/${plan.model}) through the batch API`,
  ];
  if (plan.samples === null) {
    lines.push(
      '  inputs come from a topic tree not written yet: the number of requests is unknown until it is.',
    );
  } else {
    lines.push(
      `  ${plan.samples} samples · ${plan.callsPerSample} ${plan.callsPerSample === 1 ? 'call' : 'calls (rounds of batches)'} each · ${plan.requests} requests · ${plan.batchesPerRound} ${plan.batchesPerRound === 1 ? 'batch' : 'batches'} per round (at most ${plan.limits.maxRequests} requests and ${formatTokens(plan.limits.maxBytes)} bytes each)`,
    );
    lines.push(
      `  ~${formatTokens(plan.estimatedInputTokens ?? 0)} tokens in / ~${formatTokens(plan.estimatedOutputTokens ?? 0)} out (assuming ${plan.outputTokensPerCall} output tokens per call)`,
    );
  }
  lines.push(`  batch price: ${price(plan.batchPricing)}; direct price: ${price(plan.directPricing)}`);
  if (plan.samples !== null) {
    lines.push(
      plan.batchPricing
        ? `  estimated cost: ${formatCost(plan.estimatedCostUsd)} in batches${plan.estimatedDirectCostUsd !== null ? ` (${formatCost(plan.estimatedDirectCostUsd)} directly)` : ''}`
        : `  estimated cost: unknown: the batch price of ${plan.model} is not in the catalog`,
    );
  }
  if (plan.samplesWithinBudget !== null && plan.samples !== null && plan.samplesWithinBudget < plan.samples) {
    lines.push(
      `  --max-cost covers about ${plan.samplesWithinBudget} of the ${plan.samples} samples at this estimate; the run stops submitting there.`,
    );
  }
  lines.push('  nothing was sent (--dry-run).');
  return `${lines.join('\n')}\n`;
}

/** One line under `distill jobs`: provider batches still running and what they will cost. */
export function formatOpenBatchesNote(open: readonly GenerationBatch[]): string {
  const cost = open.reduce<number | null>(
    (sum, b) => (sum === null || b.estimatedCostUsd === null ? null : sum + b.estimatedCostUsd),
    0,
  );
  const n = open.length;
  return `${n} provider ${n === 1 ? 'batch' : 'batches'} still running (will cost ~${formatCost(cost)}): distill batches list\n`;
}

/** `distill batches list` rows. */
export function formatBatchRecord(b: GenerationBatch): string {
  const counts = b.counts
    ? `${b.counts.succeeded + b.counts.failed}/${b.requests.length} done`
    : `${b.requests.length} requests`;
  const cost =
    b.state === 'ingested'
      ? `cost ${formatCost(b.costUsd ?? null)}`
      : `will cost ~${formatCost(b.estimatedCostUsd)}`;
  return [
    b.id,
    b.remoteId ?? '(no provider id)',
    `${b.provider}/${b.model}`,
    b.state === 'submitted' ? (b.status ?? 'submitted') : b.state,
    counts,
    cost,
    `task ${b.taskId} (${b.runConfig})`,
    b.submittedAt,
  ].join('  ');
}
