import { InputError, type TrainingStrategy, UserError } from '@distillery/core';
import { type FineTunePlan, openProjectStore, planFineTune, startFineTune } from '@distillery/runtime';
import { type Command, Option } from 'commander';
import { checkPluginFlag } from '../check-plugin-flag';
import type { CliIO } from '../cli-io';
import type { RegisterCommand } from '../command-context';
import { styleFor } from '../style';

interface TrainOptions {
  dataset: string;
  backend: string;
  model: string;
  strategy: TrainingStrategy;
  lora?: boolean;
  full?: boolean;
  loraR?: string;
  loraAlpha?: string;
  epochs?: string;
  learningRate?: string;
  batchSize?: string;
  warmupRatio?: string;
  checkpoints?: string;
  evals?: string;
  suffix?: string;
  format?: string;
  parser?: string;
  preference?: boolean;
  noValidation?: boolean;
  validation?: boolean;
  dryRun?: boolean;
  json?: boolean;
}

function positive(flag: string, value: string | undefined, integer: boolean): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0 || (integer && !Number.isInteger(n))) {
    throw new InputError(
      `${flag} must be a ${integer ? 'non-negative integer' : 'non-negative number'}, got "${value}".`,
    );
  }
  return n;
}

function hyperparameters(o: TrainOptions): Record<string, unknown> {
  const h: Record<string, unknown> = {};
  const set = (key: string, value: number | undefined) => {
    if (value !== undefined) h[key] = value;
  };
  set('nEpochs', positive('--epochs', o.epochs, true));
  set('batchSize', positive('--batch-size', o.batchSize, true));
  // Each backend reads it its own way (OpenAI: a multiplier of its default; Together: the rate).
  set('learningRate', positive('--learning-rate', o.learningRate, false));
  set('warmupRatio', positive('--warmup-ratio', o.warmupRatio, false));
  set('nCheckpoints', positive('--checkpoints', o.checkpoints, true));
  set('nEvals', positive('--evals', o.evals, true));
  set('loraR', positive('--lora-r', o.loraR, true));
  set('loraAlpha', positive('--lora-alpha', o.loraAlpha, true));
  return h;
}

export function planSummary(plan: FineTunePlan) {
  const file = (f: FineTunePlan['train']) => ({
    split: f.split,
    path: f.export.file,
    examples: f.export.examples,
    samples: f.export.samples,
    tokens: f.check.stats.tokensTotal ?? null,
    withReasoning: f.check.stats.withReasoning ?? null,
    warnings: f.check.warnings.length,
  });
  return {
    id: plan.id,
    dataset: plan.dataset.name,
    backend: plan.backend,
    baseModel: plan.baseModel,
    strategy: plan.strategy,
    method: plan.method,
    format: plan.format,
    methodChosen: plan.methodChosen,
    trainingMethod: plan.request.trainingMethod,
    hyperparameters: plan.request.hyperparameters,
    epochs: plan.epochs,
    limits: plan.limits ?? null,
    files: [file(plan.train), ...(plan.validation ? [file(plan.validation)] : [])],
    price: plan.price,
    call: plan.call,
    inline: plan.inline ?? null,
  };
}

function printPlan(plan: FineTunePlan, io: CliIO, dryRun: boolean): void {
  const s = styleFor(io.stdout, io.env);
  const out = (line = '') => io.stdout.write(`${line}\n`);
  out(s.bold(`${dryRun ? 'Plan (dry run: nothing uploaded, nothing spent)' : 'Plan'}`));
  out(`  dataset     ${plan.dataset.name} (${plan.dataset.id})`);
  out(`  backend     ${plan.backend}, base model ${plan.baseModel}`);
  const method = plan.methodChosen ? (plan.method === 'lora' ? 'LoRA ' : 'full ') : '';
  out(
    `  training    ${plan.strategy}, ${method}${plan.request.trainingMethod.toUpperCase()}, format ${plan.format}`,
  );
  const h = Object.entries(plan.request.hyperparameters);
  out(`  settings    ${h.length ? h.map(([k, v]) => `${k}=${String(v)}`).join(' ') : 'provider defaults'}`);
  out(`  epochs      ${plan.epochs.count}${plan.epochs.note ? ` (${plan.epochs.note})` : ''}`);
  if (plan.limits) out(`  limits      checked against ${plan.limits.description}`);
  for (const f of [plan.train, ...(plan.validation ? [plan.validation] : [])]) {
    out(
      `  ${f.split.padEnd(11)} ${f.export.examples} examples from ${f.export.samples} samples, ~${f.check.stats.tokensTotal ?? '?'} tokens, ${f.check.stats.withReasoning ?? 0} with reasoning → ${f.export.file}`,
    );
  }
  const price =
    plan.price.totalUsd === null
      ? `unknown (${plan.price.note ?? 'no price list'})`
      : `~$${plan.price.totalUsd.toFixed(2)} (${plan.price.note})`;
  if (plan.inline) {
    const { markers, parser, reason } = plan.inline;
    out(
      `  reasoning   ${markers.open}…${markers.close}${parser ? ` (${parser} parser: ${reason})` : ` (${reason})`}`,
    );
  }
  out(`  price       ${price}`);
  out(
    `  called with the ${plan.call.flow} flow${plan.call.parser ? ` and the ${plan.call.parser} parser` : ''}, system prompt: ${JSON.stringify(plan.call.prompt.system.slice(0, 60))}${plan.call.prompt.system.length > 60 ? '…' : ''}`,
  );
}

export const registerTrainCommand: RegisterCommand = (program, { io, session }) => {
  program
    .command('train')
    .description(
      'fine-tune a student on a dataset (checked, uploaded, started); --dry-run shows the plan and price',
    )
    .requiredOption('--dataset <name>', 'dataset name or id')
    .addOption(new Option('--backend <id>', 'fine-tuning backend').default('together'))
    .requiredOption('--model <base>', 'base model to fine-tune')
    .addOption(
      new Option('--strategy <strategy>', 'what the student learns')
        .choices(['final-only', 'reasoning'])
        .default('reasoning'),
    )
    .option('--lora', 'LoRA adapters (the default where the backend offers a choice)')
    .option('--full', 'full fine-tuning')
    .option('--lora-r <n>', 'LoRA rank')
    .option('--lora-alpha <n>', 'LoRA alpha')
    .option('--epochs <n>', 'training epochs')
    .option('--learning-rate <x>', 'learning rate (OpenAI: a multiplier of its default)')
    .option('--batch-size <n>', 'batch size')
    .option('--warmup-ratio <x>', 'warm-up ratio')
    .option('--checkpoints <n>', 'checkpoints to save')
    .option('--evals <n>', 'evaluations on the validation split')
    .option('--suffix <text>', 'suffix of the resulting model name')
    .option('--format <format>', 'export format (default: the backend’s for the strategy)')
    .option(
      '-p, --parser <id>',
      "the student's reasoning parser; a format that writes reasoning inline (r1) writes its markers (default: chosen for --model, as --parser auto)",
    )
    .option('--preference', 'train on preference pairs (DPO)')
    .option('--no-validation', 'do not upload the validation split')
    .option('--dry-run', 'print the plan and price; upload and spend nothing')
    .option('--json', 'print one JSON object')
    .action(async (options: TrainOptions, command: Command) => {
      if (options.lora && options.full) throw new InputError('Give --lora or --full, not both.');
      const method = options.full ? ('full' as const) : options.lora ? ('lora' as const) : undefined;
      const s = await session(command);
      checkPluginFlag(s.plugins, 'fine-tune-backend', options.backend, '--backend');
      if (options.parser !== undefined)
        checkPluginFlag(s.plugins, 'reasoning-parser', options.parser, '--parser', ['auto']);
      const store = await openProjectStore(s);
      try {
        const plan = await planFineTune(s, store, {
          dataset: options.dataset,
          backend: options.backend,
          baseModel: options.model,
          strategy: options.strategy,
          ...(method ? { method } : {}),
          hyperparameters: hyperparameters(options),
          ...(options.format ? { format: options.format } : {}),
          ...(options.parser !== undefined ? { parser: options.parser } : {}),
          ...(options.preference ? { preference: true } : {}),
          ...(options.validation === false ? { validationSplit: false as const } : {}),
          ...(options.suffix ? { suffix: options.suffix } : {}),
        });
        if (options.dryRun) {
          if (options.json) io.stdout.write(`${JSON.stringify({ dryRun: true, plan: planSummary(plan) })}\n`);
          else printPlan(plan, io, true);
          return;
        }
        if (!options.json) printPlan(plan, io, false);
        const progress = options.json ? io.stderr : io.stdout;
        const record = await startFineTune(s, store, plan, {
          onStep: (step) => progress.write(`  … ${step.replace('-', ' ')}\n`),
        });
        // The provider may refuse the job at once (its files, its quota): not a successful start.
        const failedAtOnce = () =>
          new UserError(
            `Fine-tune ${record.id} (job ${record.jobId}) failed as soon as it started${record.error ? `: ${record.error}` : '.'}`,
            { advice: `See \`distill events ${record.id}\` for what the provider said.` },
          );
        if (options.json) {
          io.stdout.write(
            `${JSON.stringify({ dryRun: false, plan: planSummary(plan), fineTune: record })}\n`,
          );
          if (record.status === 'failed') throw failedAtOnce();
          return;
        }
        if (record.status === 'failed') throw failedAtOnce();
        const style = styleFor(io.stdout, io.env);
        io.stdout.write(
          `${style.green('Started')} fine-tune ${record.id} (job ${record.jobId}), status ${record.status}\n`,
        );
        io.stdout.write(`${style.dim(`Watch it: distill status ${record.id} --watch`)}\n`);
      } finally {
        await store.close();
      }
    });
};
