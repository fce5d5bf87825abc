import { mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import {
  type CheckReport,
  type DatasetSnapshot,
  type FineTuneBackend,
  type FineTuneJobRequest,
  type FineTuneMethod,
  type InlineReasoningMarkers,
  type JobVerdict,
  type LimitsSource,
  type Prompt,
  type TrainingStrategy,
  UserError,
} from '@distillery/core';
import { findDataset } from '../dataset/find-dataset';
import { type ExportResult, exportDataset } from '../export/export-dataset';
import type { ExportFormatId } from '../export/export-format';
import { getExportFormat } from '../export/get-export-format';
import { AUTO_PARSER, findParserForModel } from '../parse/parser-for-model';
import { projectDataDir } from '../project/open-project-store';
import type { Session } from '../session';
import type { SampleStore } from '../store/sample-store';
import { listFineTunes, newFineTuneId } from './fine-tune-records';
import { trainingFormat } from './training-format';

export interface FineTuneOptions {
  dataset: string;
  backend: string;
  baseModel: string;
  strategy: TrainingStrategy;
  method?: FineTuneMethod;
  /** Camel-case hyperparameters the backend understands (nEpochs, batchSize, learningRate, loraR, …). */
  hyperparameters?: Record<string, unknown>;
  /** Explicit export format; default: the backend's format for the strategy. */
  format?: string;
  /** Train on preference pairs (DPO). */
  preference?: boolean;
  trainSplit?: string;
  /** Validation split; default `val` when the dataset has a non-empty one. `false`: none. */
  validationSplit?: string | false;
  suffix?: string;
  prompt?: Prompt;
  /**
   * The student's reasoning parser (`auto` or absent: chosen for the base model from the config's
   * `models` entry and the parsers' manifests). For a format that writes reasoning inline (r1), its
   * family's markers are written and checked, and the fine-tune is called with it.
   */
  parser?: string;
}

/** How a format that writes reasoning inline (r1) writes it for this student. */
export interface PlannedInlineReasoning {
  /** The student family's parser; absent when none is known for the base model (R1's `<think>` is written). */
  parser?: string;
  /** Why: `--parser`, `model pattern "magistral"`, or that no parser is known. */
  reason: string;
  /** The markers written and linted, e.g. `[THINK]` and `[/THINK]`. */
  markers: InlineReasoningMarkers;
}

export interface PlannedFile {
  split: string;
  export: ExportResult;
  check: CheckReport;
}

export interface PriceLine {
  /** `provider` when the backend priced the uploaded files, `list` from list prices, else `unknown`. */
  source: 'provider' | 'list' | 'unknown';
  totalUsd: number | null;
  trainTokens: number;
  /** The epochs the price assumes: the ones asked for, or the provider's default. */
  epochs: number;
  note?: string;
}

export interface FineTunePlan {
  id: string;
  dir: string;
  dataset: DatasetSnapshot;
  backend: string;
  /** The model provider that will call the result (the backend's `provider`). */
  provider: string;
  baseModel: string;
  strategy: TrainingStrategy;
  method: FineTuneMethod;
  /** False when the backend offers no LoRA/full choice (the provider decides; `method` is nominal). */
  methodChosen: boolean;
  format: ExportFormatId;
  /** The limits the job was checked against (live or an offline snapshot); absent when the backend has none. */
  limits?: LimitsSource;
  /** The epochs the job will train, and how they were chosen when not asked for. */
  epochs: { count: number; note?: string };
  train: PlannedFile;
  validation?: PlannedFile;
  request: FineTuneJobRequest;
  price: PriceLine;
  /** How the result will be called: the frozen prompt, call flow and parser. */
  call: { prompt: Prompt; flow: string; parser?: string };
  /** The inline reasoning markers, when the format writes reasoning inline under the reasoning strategy. */
  inline?: PlannedInlineReasoning;
}

function epochsOf(hyperparameters: Record<string, unknown>): number | undefined {
  const n = hyperparameters.nEpochs;
  return typeof n === 'number' && n > 0 ? n : undefined;
}

function refused(backend: FineTuneBackend, model: string, verdict: JobVerdict): UserError {
  const label = backend.description?.split(' ')[0] ?? backend.id;
  return new UserError(
    `${label} would refuse this fine-tune of ${model}, so nothing was uploaded: ${verdict.problems
      .map((p) => `${p.param}: ${p.message}`)
      .join('; ')}.`,
    {
      advice: `Fix the settings above (checked against ${verdict.limits.description}); \`distill train ... --dry-run\` shows the plan without spending anything.`,
    },
  );
}

/** Errors of failed file checks: their message names the exported file, which is kept. */
const checkFailures = new WeakSet<object>();

function failedCheck(split: string, file: string, report: CheckReport): UserError {
  const error = checkError(split, file, report);
  checkFailures.add(error);
  return error;
}

function checkError(split: string, file: string, report: CheckReport): UserError {
  const first = report.errors
    .slice(0, 3)
    .map((e) => `line ${e.line}: ${e.message}`)
    .join('; ');
  return new UserError(
    `The ${split} file would be rejected (${report.errors.length} problem(s)), so nothing was uploaded: ${first}.`,
    {
      location: report.errors[0] ? `${file}:${report.errors[0].line}` : file,
      advice: `Run \`distill check ${file} --strict${report.format ? '' : ''}\` for the full report, fix the samples, and create the dataset again.`,
    },
  );
}

/** R1's markers, written when no parser is known for the student. */
const THINK: InlineReasoningMarkers = { open: '<think>', close: '</think>' };

/**
 * The student family's inline reasoning, for a format that writes reasoning inline under the
 * reasoning strategy: the parser named (`--parser`), else the one chosen for the base model from
 * the config's `models` entry, earlier fine-tunes and the parsers' manifests (as `parse --parser
 * auto --model` chooses), imported only when found. Undefined for other formats and strategies.
 */
async function inlineReasoningFor(
  session: Session,
  store: SampleStore,
  options: FineTuneOptions,
  format: ExportFormatId,
): Promise<PlannedInlineReasoning | undefined> {
  const named = options.parser !== undefined && options.parser !== AUTO_PARSER ? options.parser : undefined;
  if (getExportFormat(format).layout !== 'think-tags') {
    if (named === undefined) return undefined;
    throw new UserError(
      `--parser ${named} picks the student's inline reasoning markers, but format ${format} does not write reasoning inline.`,
      {
        exitCode: 2,
        advice: `Train with --format r1 to write ${named}'s markers, or drop --parser. Nothing was uploaded.`,
      },
    );
  }
  if (options.strategy !== 'reasoning') return undefined;
  const choice = named
    ? { id: named, reason: '--parser' }
    : findParserForModel(session, options.baseModel, {
        fineTunes: (await listFineTunes(store)).map((f) => ({
          id: f.id,
          baseModel: f.baseModel,
          ...(f.resultModel ? { resultModel: f.resultModel } : {}),
          ...(f.parser ? { parser: f.parser } : {}),
        })),
      });
  if (!choice) {
    return {
      reason: `no reasoning parser is known for ${options.baseModel}, so R1's <think>…</think> is written; name the student's family with --parser (or models["${options.baseModel}"].parser in distill.config.ts) if it uses other markers`,
      markers: THINK,
    };
  }
  const parser = await session.plugins.parser(choice.id);
  if (!parser.inline) {
    throw new UserError(
      `The ${parser.id} parser (${choice.reason}) takes no inline reasoning: ${options.baseModel}'s chat template keeps reasoning out of the answer text, so format ${format} cannot train it to think.`,
      {
        exitCode: 2,
        advice:
          'Train with a format that keeps reasoning apart (e.g. --format together, the reasoning field), or name another family with --parser. Nothing was uploaded.',
      },
    );
  }
  return {
    parser: parser.id,
    reason: choice.reason,
    markers: { open: parser.inline.open.trim(), close: parser.inline.close.trim() },
  };
}

/**
 * Everything a fine-tune will do, without spending anything: exports the splits with the
 * strategy, checks them strictly (a reasoning dataset with samples lacking reasoning fails
 * here), and prices the job from list prices. `distill train --dry-run` prints this.
 */
export async function planFineTune(
  session: Session,
  store: SampleStore,
  options: FineTuneOptions,
): Promise<FineTunePlan> {
  const backend: FineTuneBackend = await session.plugins.backend(options.backend);
  if (options.method && !backend.methods?.includes(options.method)) {
    throw new UserError(
      backend.methods
        ? `Backend "${backend.id}" cannot run a ${options.method} fine-tune; it offers ${backend.methods.join(', ')}.`
        : `Backend "${backend.id}" has no LoRA/full choice (the provider decides), so --${options.method} cannot be honoured.`,
      { advice: 'Drop --lora/--full, or pick a backend that offers the method. Nothing was uploaded.' },
    );
  }
  const dataset = await findDataset(store, options.dataset);
  const method = options.method ?? backend.methods?.[0] ?? 'lora';
  const format = trainingFormat(backend, options.strategy, {
    ...(options.format ? { format: options.format } : {}),
    ...(options.preference ? { preference: true } : {}),
  });
  const trainSplit = options.trainSplit ?? 'train';
  const valSplit =
    options.validationSplit === false
      ? undefined
      : (options.validationSplit ?? ((dataset.splits.val?.length ?? 0) > 0 ? 'val' : undefined));
  const hyperparameters = { ...options.hyperparameters };
  const job: FineTuneJobRequest = {
    baseModel: options.baseModel,
    trainingFile: `${trainSplit}.jsonl`,
    ...(valSplit ? { validationFile: `${valSplit}.jsonl` } : {}),
    method,
    trainingMethod: format === 'together-preference' ? 'dpo' : 'sft',
    hyperparameters,
    ...(options.suffix ? { suffix: options.suffix } : {}),
    ...(options.strategy === 'reasoning' && getExportFormat(format).layout === 'reasoning-field'
      ? { reasoning: true }
      : {}),
  };
  const inline = await inlineReasoningFor(session, store, options, format);
  // The provider's verdict before anything is exported or uploaded.
  const verdict = backend.validateJob
    ? await backend.validateJob(job, {
        trainExamples: dataset.splits[trainSplit]?.length ?? 0,
        ...(session.ctx.signal ? { signal: session.ctx.signal } : {}),
      })
    : undefined;
  if (verdict && verdict.problems.length > 0) throw refused(backend, options.baseModel, verdict);

  const id = newFineTuneId();
  const dir = path.join(projectDataDir(session), 'fine-tunes', id);
  await mkdir(dir, { recursive: true });
  try {
    return await planFiles();
  } catch (error) {
    // A refused plan leaves nothing behind, except the exported file a failed check names.
    if (!checkFailures.has(error as object)) await rm(dir, { recursive: true, force: true });
    throw error;
  }

  async function planFiles(): Promise<FineTunePlan> {
    const plan = async (split: string, against?: string): Promise<PlannedFile> => {
      const out = path.join(dir, `${split}.jsonl`);
      const exported = await exportDataset(session, store, {
        dataset,
        split,
        strategy: options.strategy,
        format,
        out,
        ...(options.prompt ? { prompt: options.prompt } : {}),
        ...(inline?.parser ? { parser: inline.parser } : {}),
      });
      // The backend checks with its own rules (its contract's `check`).
      const check = await backend.check(exported.file, {
        model: options.baseModel,
        strict: true,
        // The two-message chain of thought keeps the reasoning in an earlier assistant turn, which
        // the lint cannot tell from a plain turn; export has already refused samples without it.
        expectReasoning: options.strategy === 'reasoning' && exported.layout !== 'cot-messages',
        ...(inline ? { inlineReasoning: inline.markers } : {}),
        ...(against ? { against } : {}),
        ...(session.ctx.signal ? { signal: session.ctx.signal } : {}),
      });
      if (!check.ok) throw failedCheck(split, exported.file, check);
      return { split, export: exported, check };
    };
    const validation = valSplit ? await plan(valSplit) : undefined;
    const train = await plan(trainSplit, validation?.export.file);

    const request: FineTuneJobRequest = {
      ...job,
      trainingFile: train.export.file,
      ...(validation ? { validationFile: validation.export.file } : {}),
    };
    const epochs = verdict?.epochs ?? epochsOf(hyperparameters) ?? 1;
    const epochsNote =
      verdict?.epochsNote ??
      (epochsOf(hyperparameters) === undefined ? 'assumed; the backend states no default' : undefined);
    const trainTokens = (train.check.stats.tokensTotal ?? 0) * epochs;
    const rate = backend.trainingPricePerMillionTokens?.(options.baseModel, method);
    const epochText = `${epochs} epoch${epochs === 1 ? '' : 's'}${epochsNote ? ` (${epochsNote})` : ''}`;
    const price: PriceLine =
      rate === undefined
        ? {
            source: 'unknown',
            totalUsd: null,
            trainTokens,
            epochs,
            note: `no list price known for ${options.baseModel}; ${epochText}`,
          }
        : {
            source: 'list',
            totalUsd: (trainTokens / 1_000_000) * rate,
            trainTokens,
            epochs,
            note: `${trainTokens} training tokens (estimated, ${epochText}) x $${rate}/M tokens`,
          };
    return {
      id,
      dir,
      dataset,
      backend: backend.id,
      provider: backend.provider,
      baseModel: options.baseModel,
      strategy: options.strategy,
      method,
      methodChosen: backend.methods !== undefined,
      format,
      ...(verdict ? { limits: verdict.limits } : {}),
      epochs: { count: epochs, ...(epochsNote ? { note: epochsNote } : {}) },
      train,
      ...(validation ? { validation } : {}),
      request,
      price,
      call: {
        prompt: train.export.prompt,
        flow: train.export.flow,
        ...(train.export.parser ? { parser: train.export.parser } : {}),
      },
      ...(inline ? { inline } : {}),
    };
  }
}
