import { createReadStream, existsSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { type CheckFileOptions, checkFile } from '@distillery/check';
import type { FineTuneEvent } from '@distillery/core';
import {
  type CallOptions,
  type CheckReport,
  type CreateJobOptions,
  type FineTuneBackend,
  type FineTuneJobRequest,
  type FineTuneJobState,
  InputError,
  type JobProblem,
  type JobVerdict,
  type TrainerCheckOptions,
} from '@distillery/core/contracts';
import {
  assertCheckPassed,
  assertNoViolations,
  callWithRetry,
  createdSince,
  type ErrorContext,
  type HyperparameterViolation,
  type ProviderConnectionOptions,
  resolveJobFiles,
  resolveProviderSettings,
} from '@distillery/provider-kit';
import type OpenAI from 'openai';
import { lazyOpenAIClient } from './openai-client';
import { OPENAI_FINE_TUNE_MODELS } from './openai-fine-tune-models';
import { normalizeOpenAIStatus } from './openai-fine-tune-status';
import { buildOpenAIFineTuneBody, readOpenAIHyperparameters } from './openai-hyperparameters';
import { OPENAI_COMPATIBLE_PRESETS } from './openai-presets';
import { openAITrainingPricePerMillionTokens } from './openai-training-price';
import {
  isOpenAITunable,
  OPENAI_TUNABLE_MODELS,
  OPENAI_TUNABLE_MODELS_DATE,
  openAIAutoEpochs,
} from './openai-tunable-models';
import { toOpenAIEvent } from './to-openai-event';

export type OpenAIChecker = (path: string, options: CheckFileOptions) => Promise<CheckReport>;

/** Connection options default to `OPENAI_API_KEY` / `OPENAI_BASE_URL`, as for the provider. */
export interface OpenAIFineTuneBackendOptions extends ProviderConnectionOptions {
  /** Backend id in configs. Default `openai`. */
  id?: string;
  /** Options for the file check that runs before every upload (e.g. `strict`, `workers`). */
  check?: Omit<CheckFileOptions, 'backend' | 'signal'>;
  /** Replaces `@distillery/check`'s `checkFile`. */
  checker?: OpenAIChecker;
  /** Per-attempt timeout of a file upload. Default 1 hour. */
  uploadTimeoutMs?: number;
}

export interface UploadedOpenAIFile {
  id: string;
  filename: string;
  bytes: number;
  raw: unknown;
}

export interface OpenAICheckpoint {
  step: number;
  at: string;
  /** The checkpoint's model id, callable like the final model. */
  model: string;
  metrics: Record<string, number>;
  raw: unknown;
}

export interface OpenAIFineTuneBackend extends FineTuneBackend {
  readonly baseURL: string;
  check(path: string, options?: TrainerCheckOptions): Promise<CheckReport>;
  upload(path: string, options?: CallOptions & { model?: string }): Promise<UploadedOpenAIFile>;
  /** Training and validation files may be local paths (checked, then uploaded) or `file-…` ids. */
  create(job: FineTuneJobRequest, options?: CreateJobOptions): Promise<{ id: string }>;
  /** OpenAI's documented ranges for the request (no I/O). */
  validateHyperparameters(request: FineTuneJobRequest): HyperparameterViolation[];
  checkpoints(id: string, options?: CallOptions): Promise<OpenAICheckpoint[]>;
  validateJob(
    job: FineTuneJobRequest,
    options?: CallOptions & { trainExamples?: number },
  ): Promise<JobVerdict>;
  findJobByTrainingFile(fileId: string, options?: CallOptions): Promise<FineTuneJobState | undefined>;
  deleteFile(fileId: string, options?: CallOptions): Promise<void>;
}

const DEFAULT_UPLOAD_TIMEOUT_MS = 3_600_000;
const preset = OPENAI_COMPATIBLE_PRESETS.openai;

/**
 * OpenAI fine-tuning as a v1 FineTuneBackend, through the `openai` SDK: files checked with
 * `@distillery/check` then uploaded (multipart, streamed), supervised or DPO jobs, normalised
 * statuses, events with loss, checkpoints with metrics, cancel. There is no deploy step: the
 * job's `fine_tuned_model` (the state's `resultModel`) is called directly with the provider.
 */
export function createOpenAIFineTuneBackend(
  options: OpenAIFineTuneBackendOptions = {},
): OpenAIFineTuneBackend {
  const id = options.id ?? 'openai';
  const label = preset.label;
  const { apiKey, apiKeyEnv, baseURL, timeoutMs, policy, secrets } = resolveProviderSettings(options, preset);
  const checker: OpenAIChecker = options.checker ?? checkFile;

  const errorContext = (subject: string, model = '', notFoundAdvice?: string): ErrorContext => ({
    provider: id,
    label,
    model,
    apiKeyEnv,
    baseURLEnv: preset.baseURLEnv,
    baseURL,
    timeoutMs,
    secrets,
    subject,
    ...(notFoundAdvice ? { notFoundAdvice } : {}),
    badRequestAdvice: 'Fix the fine-tune settings.',
  });
  const jobErrors = (jobId: string) => errorContext(`fine-tuning job ${jobId}`, '', 'Check the job id.');

  const sdk = lazyOpenAIClient({ apiKey, baseURL, timeoutMs, apiKeyRequired: true }, options);
  const call = <T>(
    errors: ErrorContext,
    signal: AbortSignal | undefined,
    fn: (c: OpenAI, s: AbortSignal) => Promise<T>,
    attemptMs = timeoutMs,
    /** For a call that starts something billed or stored: finds what a failed attempt made (see callWithRetry). */
    reconcile?: (c: OpenAI, s: AbortSignal, since: number) => Promise<T | undefined>,
  ) =>
    callWithRetry({
      errors,
      policy,
      timeoutMs: attemptMs,
      signal,
      call: async (s) => fn(await sdk(errors), s),
      ...(reconcile
        ? { reconcile: async (s: AbortSignal, since: number) => reconcile(await sdk(errors), s, since) }
        : {}),
    });

  async function check(path: string, callOptions: TrainerCheckOptions = {}): Promise<CheckReport> {
    if (!existsSync(path))
      throw new InputError(`${path} does not exist.`, {
        advice: 'Export the dataset first (`distill export`).',
      });
    return checker(path, {
      ...options.check,
      backend: 'openai',
      ...callOptions,
    });
  }

  /** Sends a file that passed its check. */
  async function send(path: string, callOptions: CallOptions = {}): Promise<UploadedOpenAIFile> {
    const filename = basename(path);
    const bytes = (await stat(path)).size;
    const file = await call(
      errorContext(`file ${filename}`),
      callOptions.signal,
      // A fresh stream per attempt: a retried upload sends the whole file again.
      (c, signal) => c.files.create({ file: createReadStream(path), purpose: 'fine-tune' }, { signal }),
      options.uploadTimeoutMs ?? DEFAULT_UPLOAD_TIMEOUT_MS,
      // An upload that failed after OpenAI may have stored it: take the stored file, not a second copy.
      async (c, signal, since) => {
        for await (const f of c.files.list({ purpose: 'fine-tune', limit: 100 }, { signal })) {
          if (!createdSince(f.created_at, since)) break;
          if (f.filename === filename && f.bytes === bytes) return f;
        }
        return undefined;
      },
    );
    return { id: file.id, filename: file.filename, bytes: file.bytes, raw: file };
  }

  async function upload(
    path: string,
    callOptions: CallOptions & { model?: string } = {},
  ): Promise<UploadedOpenAIFile> {
    assertCheckPassed(await check(path, callOptions), path, label);
    return send(path, callOptions);
  }

  const validateHyperparameters = (request: FineTuneJobRequest) =>
    readOpenAIHyperparameters(request).violations;

  async function create(
    job: FineTuneJobRequest,
    callOptions: CreateJobOptions = {},
  ): Promise<{ id: string }> {
    const { signal, isKnownJob } = callOptions;
    assertNoViolations(validateHyperparameters(job), job.baseModel);
    const { trainingFile, validationFile } = await resolveJobFiles(job, {
      backend: label,
      check: (path) => check(path, { model: job.baseModel, signal }),
      send: (path) => send(path, { signal }),
    });
    const body = buildOpenAIFineTuneBody(job, { trainingFile, validationFile });
    const created = await call(
      errorContext(`fine-tune of ${job.baseModel}`, job.baseModel),
      signal,
      (c, s) => c.fineTuning.jobs.create(body, { signal: s }),
      timeoutMs,
      // A create that failed after OpenAI may have accepted it: find that job before paying for a
      // second. Only a job made since the failed attempt was sent (newest first, so stop at older
      // ones) on the same files, and never one the caller already tracks (a deliberate job).
      async (c, s, since) => {
        for await (const found of c.fineTuning.jobs.list({ limit: 100 }, { signal: s })) {
          if (!createdSince(found.created_at, since)) break;
          if (
            found.training_file === body.training_file &&
            (found.validation_file ?? undefined) === body.validation_file &&
            !(await isKnownJob?.(found.id))
          )
            return found;
        }
        return undefined;
      },
    );
    return { id: created.id };
  }

  /** The newest events, oldest first (at most `limit`, or all pages). */
  async function listEvents(
    jobId: string,
    signal: AbortSignal | undefined,
    limit?: number,
  ): Promise<FineTuneEvent[]> {
    const raw = await call(jobErrors(jobId), signal, async (c, s) => {
      const out: unknown[] = [];
      for await (const event of c.fineTuning.jobs.listEvents(jobId, { limit: limit ?? 100 }, { signal: s })) {
        out.push(event);
        if (limit !== undefined && out.length >= limit) break;
      }
      return out;
    });
    return raw.reverse().map(toOpenAIEvent);
  }

  async function get(jobId: string, callOptions: CallOptions = {}): Promise<FineTuneJobState> {
    const job = await call(jobErrors(jobId), callOptions.signal, (c, signal) =>
      c.fineTuning.jobs.retrieve(jobId, { signal }),
    );
    const rawStatus = String(job.status);
    const status = normalizeOpenAIStatus(rawStatus);
    let progress: FineTuneEvent | undefined;
    if (status === 'running' || status === 'completed') {
      const recent = await listEvents(jobId, callOptions.signal, 20);
      progress = recent.reverse().find((e) => e.totalSteps !== undefined);
    }
    // The SDK types the job but does not check it: each field is narrowed before use.
    const error: unknown = job.error;
    const errorMessage =
      typeof error === 'object' && error !== null && 'message' in error && typeof error.message === 'string'
        ? error.message
        : undefined;
    return {
      id: String(job.id),
      status,
      rawStatus,
      ...(typeof job.fine_tuned_model === 'string' ? { resultModel: job.fine_tuned_model } : {}),
      ...(progress?.step !== undefined ? { step: progress.step } : {}),
      ...(progress?.totalSteps !== undefined ? { totalSteps: progress.totalSteps } : {}),
      ...(status === 'failed' ? { error: errorMessage ?? 'OpenAI reported the job as failed.' } : {}),
      raw: job,
    };
  }

  const events = (jobId: string, callOptions: CallOptions = {}) => listEvents(jobId, callOptions.signal);

  async function cancel(jobId: string, callOptions: CallOptions = {}): Promise<FineTuneJobState> {
    await call(jobErrors(jobId), callOptions.signal, (c, signal) =>
      c.fineTuning.jobs.cancel(jobId, { signal }),
    );
    return get(jobId, callOptions);
  }

  async function checkpoints(jobId: string, callOptions: CallOptions = {}): Promise<OpenAICheckpoint[]> {
    const raw = await call(jobErrors(jobId), callOptions.signal, async (c, signal) => {
      const out: OpenAI.FineTuning.Jobs.FineTuningJobCheckpoint[] = [];
      for await (const cp of c.fineTuning.jobs.checkpoints.list(jobId, {}, { signal })) out.push(cp);
      return out;
    });
    // Typed by the SDK, unchecked on the wire: every field is narrowed.
    return raw.map((cp) => {
      const metrics: unknown = cp.metrics;
      return {
        step: typeof cp.step_number === 'number' ? cp.step_number : 0,
        at: new Date((typeof cp.created_at === 'number' ? cp.created_at : 0) * 1000).toISOString(),
        model: typeof cp.fine_tuned_model_checkpoint === 'string' ? cp.fine_tuned_model_checkpoint : '',
        metrics:
          typeof metrics === 'object' && metrics !== null
            ? Object.fromEntries(
                Object.entries(metrics).filter((e): e is [string, number] => typeof e[1] === 'number'),
              )
            : {},
        raw: cp,
      };
    });
  }

  /** OpenAI publishes no limits endpoint: its tunable models and documented ranges decide, offline. */
  async function validateJob(
    job: FineTuneJobRequest,
    callOptions: CallOptions & { trainExamples?: number } = {},
  ): Promise<JobVerdict> {
    const problems: JobProblem[] = [];
    if (!isOpenAITunable(job.baseModel))
      problems.push({
        param: 'model',
        message: `${job.baseModel} cannot be fine-tuned on OpenAI. Models it can: ${OPENAI_TUNABLE_MODELS.join(', ')} (or a dated snapshot of one)`,
      });
    if (job.reasoning)
      problems.push({
        param: 'reasoning',
        message:
          'OpenAI training data has no reasoning field; train the reasoning strategy with the chain-of-thought format (--format openai)',
      });
    problems.push(...validateHyperparameters(job));
    const given = readOpenAIHyperparameters(job).values.nEpochs;
    const epochs = typeof given === 'number' ? given : openAIAutoEpochs(callOptions.trainExamples);
    return {
      problems,
      limits: {
        kind: 'snapshot',
        date: OPENAI_TUNABLE_MODELS_DATE,
        description: `OpenAI's tunable models and documented ranges as of ${OPENAI_TUNABLE_MODELS_DATE} (OpenAI has no limits endpoint)`,
      },
      epochs,
      ...(typeof given === 'number'
        ? {}
        : {
            epochsNote: `OpenAI's auto, estimated ${epochs} for ${callOptions.trainExamples ?? '?'} examples`,
          }),
    };
  }

  async function findJobByTrainingFile(
    fileId: string,
    callOptions: CallOptions = {},
  ): Promise<FineTuneJobState | undefined> {
    const found = await call(errorContext('fine-tuning job list'), callOptions.signal, async (c, signal) => {
      for await (const job of c.fineTuning.jobs.list({ limit: 100 }, { signal }))
        if (job.training_file === fileId) return job.id;
      return undefined;
    });
    return found ? get(found, callOptions) : undefined;
  }

  async function deleteFile(fileId: string, callOptions: CallOptions = {}): Promise<void> {
    await call(
      errorContext(`file ${fileId}`, '', 'It may already be deleted.'),
      callOptions.signal,
      (c, signal) => c.files.delete(fileId, { signal }),
    );
  }

  return {
    specificationVersion: 'v1',
    kind: 'fine-tune-backend',
    id,
    /** Its fine-tunes are called through the model provider of the same id. */
    provider: id,
    description: `OpenAI fine-tuning (${baseURL})`,
    /** Export formats (runtime ids) whose JSONL OpenAI trains on. */
    trainingPricePerMillionTokens: openAITrainingPricePerMillionTokens,
    formats: ['openai'],
    // No `methods`: OpenAI has no LoRA/full choice, so --lora/--full are refused, not ignored.
    baseModels: OPENAI_FINE_TUNE_MODELS,
    baseURL,
    check,
    upload,
    create,
    get,
    events,
    cancel,
    validateHyperparameters,
    checkpoints,
    validateJob,
    findJobByTrainingFile,
    deleteFile,
  };
}
