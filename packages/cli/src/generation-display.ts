import type { GenerationProgress, GenerationSummary } from '@distillery/runtime';
import type { OutputStream } from './cli-io';
import type { Style } from './style';

export function formatDuration(ms: number): string {
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m${String(s % 60).padStart(2, '0')}s`;
  return `${Math.floor(m / 60)}h${String(m % 60).padStart(2, '0')}m`;
}

export function formatTokens(n: number): string {
  if (n < 1000) return String(n);
  if (n < 1_000_000) return `${(n / 1000).toFixed(1)}k`;
  return `${(n / 1_000_000).toFixed(2)}M`;
}

export function formatCost(usd: number | null): string {
  if (usd === null) return 'cost unknown';
  return `$${usd < 1 ? usd.toFixed(4) : usd.toFixed(2)}`;
}

/** One status line: done, failed, in flight, rate, ETA, tokens, cost. */
export function formatProgressLine(p: GenerationProgress): string {
  const tokens = `${formatTokens(p.usage.inputTokens)} in / ${formatTokens(p.usage.outputTokens)} out`;
  if (p.phase === 'topics') {
    const t = p.topics ? `${p.topics.done}/${p.topics.total}` : '…';
    return `topic tree ${t} calls · ${tokens} · ${formatCost(p.costUsd)}`;
  }
  return [
    `${p.generated}/${p.planned} done`,
    `${p.failed} failed`,
    `${p.inFlight} in flight`,
    `${p.ratePerSecond.toFixed(1)}/s`,
    `ETA ${p.etaMs === null ? '—' : formatDuration(p.etaMs)}`,
    tokens,
    formatCost(p.costUsd),
  ].join(' · ');
}

export interface ProgressDisplay {
  update(progress: GenerationProgress): void;
  /** Clears the status line (TTY) before the summary is printed. */
  end(): void;
}

/**
 * Live progress: on a terminal one status line redrawn at most every 100 ms; elsewhere a plain
 * line every `intervalMs` (default 2 s) and on phase changes.
 */
export function createProgressDisplay(
  stream: OutputStream,
  options: { intervalMs?: number; now?: () => number } = {},
): ProgressDisplay {
  const now = options.now ?? (() => Date.now());
  const tty = stream.isTTY === true;
  const interval = tty ? 100 : (options.intervalMs ?? 2000);
  let last = Number.NEGATIVE_INFINITY;
  let lastPhase: string | undefined;
  let drawn = false;
  return {
    update(progress) {
      const at = now();
      const phaseChanged = progress.phase !== lastPhase;
      if (!phaseChanged && at - last < interval) return;
      if (progress.phase === 'finishing') return;
      last = at;
      lastPhase = progress.phase;
      const line = formatProgressLine(progress);
      if (tty) {
        stream.write(`\r\x1b[2K${line}`);
        drawn = true;
      } else {
        stream.write(`${line}\n`);
      }
    },
    end() {
      if (drawn) stream.write('\r\x1b[2K');
      drawn = false;
    },
  };
}

const STOP_TEXT: Record<GenerationSummary['stopReason'], string> = {
  done: 'every input is generated',
  'count-reached': 'the count is reached',
  budget: 'stopped at the --max-cost budget',
  interrupted: 'interrupted; run the same command again (or --resume) to continue',
  'too-many-failures': 'stopped after too many failures in a row',
};

/** The final summary for people. */
export function formatGenerationSummary(s: GenerationSummary, style: Style): string {
  const lines: string[] = [];
  const head = `${style.bold('Generated')} ${s.generated} ${s.generated === 1 ? 'sample' : 'samples'} for ${s.taskId} with ${s.runConfig} (${s.provider}/${s.model})`;
  lines.push(head);
  const facts = [
    `${s.totalGenerated}${s.count !== null ? `/${s.count}` : ''} in this generation`,
    `${s.failed} failed`,
    ...(s.skippedExisting > 0 ? [`${s.skippedExisting} already stored`] : []),
    ...(s.skippedFailed > 0 ? [`${s.skippedFailed} failed before (--retry-failed)`] : []),
  ];
  lines.push(`  ${facts.join(' · ')}`);
  lines.push(
    `  ${formatTokens(s.usage.inputTokens)} tokens in / ${formatTokens(s.usage.outputTokens)} out · ${formatCost(s.costUsd)}${s.topicCostUsd ? ` (topic tree ${formatCost(s.topicCostUsd)})` : ''} · ${formatDuration(s.elapsedMs)}`,
  );
  const stop = STOP_TEXT[s.stopReason];
  lines.push(`  ${s.complete ? style.green(stop) : style.yellow(stop)}`);
  if (s.stopReason === 'done' && s.count !== null && s.totalGenerated < s.count) {
    lines.push(
      `  ${style.yellow('note:')} the inputs ran out before the count (${s.totalGenerated}/${s.count}).`,
    );
  }
  for (const f of s.failures.slice(0, 5)) {
    lines.push(
      `  ${style.red('failed:')} ${JSON.stringify(f.input.slice(0, 60))}: ${f.reason} (${f.attempts} attempts)`,
    );
  }
  if (s.failed > 0) lines.push(`  ${style.cyan('hint:')} distill generate --task ${s.taskId} --retry-failed`);
  if (s.jobId)
    lines.push(`  ${style.dim(`generation ${s.jobId}; its samples are tagged generation:${s.jobId}`)}`);
  return `${lines.join('\n')}\n`;
}
