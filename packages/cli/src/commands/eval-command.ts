import path from 'node:path';
import { InputError, UserError } from '@distillery/core';
import {
  type BatchProgress,
  type EvalCandidateSpec,
  type EvalProgress,
  type EvalReport,
  type Interval,
  openProjectStore,
  renderEvalHtml,
  runEval,
  type Session,
} from '@distillery/runtime';
import type { Command } from 'commander';
import { askCancelBatches, batchesInterrupted } from '../ask-cancel-batches';
import { createBatchDisplay, formatBatchProgress } from '../batch-display';
import type { CliIO, OutputStream } from '../cli-io';
import type { RegisterCommand } from '../command-context';
import { table } from '../dataset-summary';
import { EXIT_INTERRUPTED } from '../error-boundary';
import { formatCost, formatDuration } from '../generation-display';
import { parseNumberFlag } from '../parse-number-flag';
import { progressStream } from '../progress-stream';
import { writeFileAtomic } from '../write-file-atomic';

export interface EvalCommandOptions {
  task: string;
  dataset?: string;
  split?: string;
  items?: string;
  runConfig?: string[];
  fineTune?: string[];
  model?: string[];
  reference?: string;
  scorer?: string;
  scorerOption?: string[];
  trainingCost?: string[];
  concurrency?: string;
  rpm?: string;
  tpm?: string;
  maxCost?: string;
  seed?: string;
  force?: boolean;
  fresh?: boolean;
  stream?: boolean;
  batch?: boolean;
  pollInterval?: string;
  maxEnqueuedTokens?: string;
  report?: string;
  json?: boolean;
}

/** `key=value` pairs; values are JSON when they parse as JSON (`true`, `3`, `["a"]`), else text. */
function parseScorerOptions(pairs: readonly string[]): Record<string, unknown> {
  const options: Record<string, unknown> = {};
  for (const pair of pairs) {
    const at = pair.indexOf('=');
    if (at <= 0) {
      throw new InputError(`--scorer-option must be key=value, got "${pair}".`, {
        advice: 'e.g. --scorer-option extract=strict or --scorer-option ignore=\'["\\\\$", ","]\'.',
      });
    }
    const value = pair.slice(at + 1);
    let parsed: unknown = value;
    try {
      parsed = JSON.parse(value);
    } catch {
      // plain text
    }
    options[pair.slice(0, at)] = parsed;
  }
  return options;
}

function parseTrainingCosts(pairs: readonly string[]): Map<string, number> {
  const costs = new Map<string, number>();
  for (const pair of pairs) {
    const at = pair.lastIndexOf('=');
    const cost = at > 0 ? Number(pair.slice(at + 1)) : Number.NaN;
    if (!(cost >= 0) || !Number.isFinite(cost)) {
      throw new InputError(`--training-cost must be FINE_TUNE=USD, got "${pair}".`, {
        advice:
          'e.g. --training-cost ftr_3f9a2c1b7d4e=12.50 (what training cost, for the break-even volume).',
      });
    }
    costs.set(pair.slice(0, at), cost);
  }
  return costs;
}

function candidates(options: EvalCommandOptions): EvalCandidateSpec[] {
  const costs = parseTrainingCosts(options.trainingCost ?? []);
  const specs: EvalCandidateSpec[] = [];
  for (const runConfig of options.runConfig ?? []) specs.push({ type: 'run-config', runConfig });
  for (const fineTune of options.fineTune ?? []) {
    const trainingCostUsd = costs.get(fineTune);
    costs.delete(fineTune);
    specs.push({
      type: 'fine-tune',
      fineTune,
      ...(trainingCostUsd !== undefined ? { trainingCostUsd } : {}),
    });
  }
  for (const model of options.model ?? []) {
    const at = model.indexOf(':');
    if (at <= 0 || at === model.length - 1) {
      throw new InputError(`--model must be PROVIDER:MODEL, got "${model}".`, {
        advice: 'e.g. --model together:Qwen/Qwen3-8B (the provider entry, a colon, the model id).',
      });
    }
    specs.push({ type: 'model', provider: model.slice(0, at), model: model.slice(at + 1) });
  }
  if (costs.size > 0) {
    throw new InputError(
      `--training-cost names ${[...costs.keys()].join(', ')}, which is not a --fine-tune of this eval.`,
      {
        advice: 'Give the training cost of a fine-tune you pass with --fine-tune, by the same id.',
      },
    );
  }
  if (specs.length === 0) {
    throw new InputError('Nothing to evaluate.', {
      advice:
        'Name candidates with --run-config NAME (the teacher), --fine-tune ID and/or --model PROVIDER:MODEL.',
    });
  }
  return specs;
}

function percent(value: number | null): string {
  return value === null ? '—' : `${(value * 100).toFixed(1)}%`;
}

function interval(i: Interval, signed = false): string {
  if (i.estimate === null) return '—';
  const sign = (v: number) => (signed && v > 0 ? '+' : '');
  const value = `${sign(i.estimate)}${(i.estimate * 100).toFixed(1)}`;
  if (i.lower === null || i.upper === null) return value;
  return `${value} [${sign(i.lower)}${(i.lower * 100).toFixed(1)}, ${sign(i.upper)}${(i.upper * 100).toFixed(1)}]`;
}

/** The report as people read it: one row per candidate, then the comparisons with the reference. */
export function formatEvalReport(report: EvalReport): string {
  const confidence = `${Math.round(report.confidence * 100)}%`;
  const lines: string[] = [];
  lines.push(
    `Eval ${report.evalId}: ${report.items.count} items from ${report.items.source}, scorer ${report.scorer.id}, reference ${report.reference}.`,
    '',
  );
  const parts = [...new Set(report.candidates.flatMap((c) => Object.keys(c.parts)))];
  lines.push(
    ...table([
      [
        'candidate',
        `score % [${confidence} CI]`,
        ...parts,
        'n',
        'truncated',
        'empty',
        'failed',
        '$/item',
        '$/correct',
        'latency',
      ],
      ...report.candidates.map((c) => [
        c.name,
        interval(c.score),
        ...parts.map((p) => (c.parts[p] ? percent(c.parts[p]!.estimate) : '—')),
        String(c.scored),
        String(c.outcomes['reasoning-truncated']),
        String(c.outcomes['empty-answer']),
        String(c.outcomes['call-failed']),
        c.costUsd.perItem === null ? '—' : formatCost(c.costUsd.perItem),
        c.costUsd.perCorrect === null ? '—' : formatCost(c.costUsd.perCorrect),
        c.latencyMs.mean === null ? '—' : formatDuration(c.latencyMs.mean),
      ]),
    ]),
  );
  if (report.comparisons.length > 0) {
    lines.push('', `Against ${report.reference} (paired, same items):`, '');
    lines.push(
      ...table([
        [
          'candidate',
          `difference pts [${confidence} CI]`,
          'McNemar p',
          'win/tie/loss',
          'retained % [CI]',
          'detectable',
          'break-even calls',
        ],
        ...report.comparisons.map((c) => [
          c.candidate,
          interval(c.difference, true),
          c.mcnemar ? c.mcnemar.pValue.toPrecision(3) : '—',
          `${c.winTieLoss.wins}/${c.winTieLoss.ties}/${c.winTieLoss.losses}`,
          interval(c.retained),
          c.minimumDetectableDifference === null
            ? '—'
            : `±${(c.minimumDetectableDifference * 100).toFixed(1)} pts`,
          c.breakEvenCalls === null ? '—' : String(c.breakEvenCalls),
        ]),
      ]),
    );
  }
  for (const c of report.calibration) {
    lines.push(
      '',
      `Scorer vs human ratings (${c.n} items): kappa ${c.kappa ? interval(c.kappa) : '—'}, tau ${c.tau ? interval(c.tau) : '—'} (×100).`,
    );
  }
  const run = report.run;
  lines.push(
    '',
    `This run: ${run.paidAnswers} answers paid, ${run.reusedAnswers} reused from the store, ${run.failedCalls} failed calls, ${formatCost(run.spentUsd)} spent.`,
  );
  if (!run.complete) {
    lines.push(
      `Stopped (${run.stopReason}) before every candidate answered every item: run the same command again to continue.`,
    );
  }
  return `${lines.join('\n')}\n`;
}

function progressWriter(out: OutputStream): { update(p: EvalProgress): void; end(): void } {
  let lastStep = -1;
  let wrote = false;
  return {
    update(p) {
      const line = `${p.done}/${p.planned} answered · ${p.failed} failed · ${p.inFlight} in flight · ${p.reused} reused · ETA ${p.etaMs === null ? '—' : formatDuration(p.etaMs)} · ${formatCost(p.spentUsd)}`;
      if (out.isTTY) {
        out.write(`\r${line}\u001b[K`);
        wrote = true;
        return;
      }
      const step = p.planned === 0 ? 10 : Math.floor(((p.done + p.failed) / p.planned) * 10);
      if (step !== lastStep) {
        lastStep = step;
        out.write(`${line}\n`);
      }
    },
    end() {
      if (wrote) out.write('\n');
    },
  };
}

/** `distill eval`: candidates answer the same frozen items; scores, paired comparisons, costs. */
export async function evalCommand(session: Session, options: EvalCommandOptions, io: CliIO): Promise<void> {
  if ((options.dataset === undefined) === (options.items === undefined)) {
    throw new InputError('Give the items with either --dataset NAME (a frozen split) or --items FILE.', {
      advice:
        'e.g. --dataset gsm8k-v1 --split test, or --items eval.jsonl with {"input", "reference"} lines.',
    });
  }
  const specs = candidates(options);
  const concurrency = parseNumberFlag('--concurrency', options.concurrency, {
    integer: true,
    min: 1,
    max: 1024,
  });
  const rpm = parseNumberFlag('--rpm', options.rpm);
  const tpm = parseNumberFlag('--tpm', options.tpm);
  const maxCost = parseNumberFlag('--max-cost', options.maxCost);
  const seed = parseNumberFlag('--seed', options.seed, { integer: true, min: 0 });
  const pollSeconds = parseNumberFlag('--poll-interval', options.pollInterval);
  const enqueued = parseNumberFlag('--max-enqueued-tokens', options.maxEnqueuedTokens, {
    integer: true,
    min: 1,
  });
  if (!options.batch && enqueued !== undefined)
    throw new InputError('--max-enqueued-tokens goes with --batch.', {
      advice: 'Add --batch, or drop --max-enqueued-tokens.',
    });
  if (!options.batch && pollSeconds !== undefined)
    throw new InputError('--poll-interval goes with --batch.', {
      advice: 'Add --batch, or drop --poll-interval.',
    });
  const report = options.report;
  if (report !== undefined && !/\.html?$/i.test(report)) {
    throw new InputError(`--report writes an HTML file; "${report}" does not end in .html.`, {
      advice: 'e.g. --report eval.html',
    });
  }
  const out = progressStream(io, options.json);
  const progress = progressWriter(out);
  const batchDisplay = options.batch ? createBatchDisplay(out) : undefined;
  let openBatches: BatchProgress[] = [];
  const store = await openProjectStore(session);
  let result: EvalReport;
  let cancelled: string[] = [];
  try {
    try {
      result = await runEval(
        session,
        store,
        {
          taskId: options.task,
          items: options.items
            ? { type: 'file', file: options.items }
            : { type: 'split', dataset: options.dataset!, split: options.split ?? 'test' },
          candidates: specs,
          ...(options.reference ? { reference: options.reference } : {}),
          scorer: {
            id: options.scorer ?? 'numeric',
            options: parseScorerOptions(options.scorerOption ?? []),
          },
          ...(options.force ? { force: true } : {}),
          ...(options.fresh ? { fresh: true } : {}),
          ...(concurrency !== undefined ? { concurrency } : {}),
          ...(rpm !== undefined ? { requestsPerMinute: rpm } : {}),
          ...(tpm !== undefined ? { tokensPerMinute: tpm } : {}),
          ...(maxCost !== undefined ? { maxCostUsd: maxCost } : {}),
          ...(seed !== undefined ? { bootstrap: { seed } } : {}),
          ...(options.stream === false ? { stream: false } : {}),
          ...(options.batch ? { batch: true } : {}),
          ...(pollSeconds !== undefined ? { pollIntervalMs: pollSeconds * 1000 } : {}),
          ...(enqueued !== undefined ? { maxEnqueuedTokens: enqueued } : {}),
        },
        {
          onProgress: (p) => progress.update(p),
          ...(batchDisplay
            ? {
                onBatches: (b: BatchProgress[]) => {
                  openBatches = b;
                  batchDisplay.update(b);
                },
              }
            : {}),
          ...(io.signal ? { signal: io.signal } : {}),
        },
      );
    } finally {
      progress.end();
      batchDisplay?.end();
    }
    if (result.run.stopReason === 'interrupted') {
      cancelled = await askCancelBatches(io, session, store, openBatches);
    }
  } finally {
    await store.close();
  }
  if (report !== undefined) {
    const file = path.resolve(session.ctx.cwd, report);
    await writeFileAtomic(file, renderEvalHtml(result));
    if (!options.json) out.write(`Wrote ${file}\n`);
  }
  if (options.json) io.stdout.write(`${JSON.stringify(result)}\n`);
  else {
    io.stdout.write(formatEvalReport(result));
    for (const b of openBatches) {
      io.stdout.write(
        `  ${cancelled.includes(b.id) ? 'cancelling' : 'left running'}: ${formatBatchProgress(b)}\n`,
      );
    }
  }
  if (result.run.stopReason === 'interrupted') {
    if (options.batch) throw batchesInterrupted(openBatches, cancelled);
    throw new UserError(
      'Interrupted; every answer received is stored. Run the same command again to continue.',
      {
        exitCode: EXIT_INTERRUPTED,
      },
    );
  }
  if (result.run.stopReason === 'budget') {
    const wanted = result.items.count * result.candidates.length;
    const answered = result.run.paidAnswers + result.run.reusedAnswers;
    throw new UserError(
      `Stopped short at the --max-cost budget: ${answered} of ${wanted} answers; the report above covers those.`,
      {
        exitCode: 1,
        advice:
          'Raise --max-cost and run the same command again: stored answers are reused, only the rest are paid.',
      },
    );
  }
}

const collect = (value: string, previous: string[] = []) => [...previous, value];

export const registerEvalCommand: RegisterCommand = (program, { io, session }) => {
  program
    .command('eval')
    .description(
      'evaluate candidates (teacher, fine-tunes, base models) on the same frozen items, with intervals and costs',
    )
    .requiredOption('--task <id>', 'the task')
    .option('--dataset <name>', 'items: a frozen dataset ...')
    .option('--split <name>', '... and its split (default test)')
    .option(
      '--items <file>',
      'items: a JSONL file of {"input", "reference"} (or GSM8K {"question", "answer"})',
    )
    .option(
      '--run-config <name>',
      'a candidate: a run config of the task, e.g. the teacher (repeatable)',
      collect,
    )
    .option(
      '--fine-tune <id>',
      'a candidate: a fine-tune, called with its frozen prompt and flow (repeatable)',
      collect,
    )
    .option(
      '--model <provider:model>',
      'a candidate: any model with the task prompt, e.g. the base model (repeatable)',
      collect,
    )
    .option(
      '--reference <name>',
      'the candidate the others are compared with (default: the first run config)',
    )
    .option('--scorer <id>', 'how answers are scored (default numeric; see `distill plugins`)')
    .option(
      '--scorer-option <key=value>',
      'an option of the scorer, e.g. extract=strict (repeatable)',
      collect,
    )
    .option(
      '--training-cost <id=usd>',
      'what a fine-tune cost to train, for the break-even volume (repeatable)',
      collect,
    )
    .option('--concurrency <n>', 'answers in flight at once (default 8)')
    .option('--rpm <n>', 'model requests per minute at most')
    .option('--tpm <n>', 'tokens per minute at most')
    .option(
      '--max-cost <usd>',
      'stop launching (with --batch: submitting, at the batch price) before this run spends more than this many US dollars',
    )
    .option('--seed <n>', 'bootstrap seed (default 1)')
    .option('--force', 'evaluate on a split a fine-tune trained on')
    .option('--fresh', 'call every candidate again instead of reusing stored answers')
    .option('--no-stream', "use the providers' non-streaming APIs")
    .option('--batch', "answer through the providers' batch APIs (half price, within 24 h; resumable)")
    .option('--poll-interval <seconds>', 'with --batch: how often to check on the batches (default 30)')
    .option(
      '--max-enqueued-tokens <n>',
      "with --batch: prompt tokens a model's open batches may hold at once (the provider's enqueued-token quota)",
    )
    .option('--report <file.html>', 'also write a self-contained HTML report')
    .option('--json', 'print the whole report as one JSON object')
    .action(async (options: EvalCommandOptions, command: Command) =>
      evalCommand(await session(command), options, io),
    );
};
