import { existsSync } from 'node:fs';
import { basename } from 'node:path';
import { type CheckFileOptions, checkFile } from '@distillery/check';
import type { FineTuneEvent } from '@distillery/core';
import {
  type CallOptions,
  type CheckReport,
  type CreateJobOptions,
  type Deployment,
  type DeployRequest,
  type EndpointInfo,
  type FineTuneBackend,
  type FineTuneJobRequest,
  type FineTuneJobState,
  type HardwareOption,
  InputError,
  type JobVerdict,
  type LimitsSource,
  type ModelLimits,
  type PriceEstimate,
  ProviderError,
  type TrainerCheckOptions,
} from '@distillery/core/contracts';
import {
  asRecord,
  assertCheckPassed,
  assertNoViolations,
  callWithRetry,
  createdSince,
  type ErrorContext,
  isProviderFileId,
  missingApiKey,
  type ProviderConnectionOptions,
  resolveJobFiles,
  resolveProviderSettings,
} from '@distillery/provider-kit';
import type Together from 'together-ai';
import { buildTogetherEstimatePriceBody, buildTogetherFineTuneBody } from './build-together-fine-tune-body';
import { TOGETHER_SETTINGS } from './create-together-provider';
import { toTogetherEvent } from './to-together-event';
import { lazyTogetherClient } from './together-client';
import { TOGETHER_FINE_TUNE_MODELS } from './together-fine-tune-models';
import { normalizeTogetherStatus } from './together-fine-tune-status';
import type { HyperparameterViolation } from './together-hyperparameters';
import { togetherJobVerdict } from './together-job-verdict';
import { TOGETHER_LIMITS_SNAPSHOT, TOGETHER_LIMITS_SNAPSHOT_DATE } from './together-limits-snapshot';
import { type TogetherModelLimits, toModelLimits } from './together-model-limits';
import { togetherTrainingPricePerMillionTokens } from './together-training-price';
import { type TogetherFileResponse, uploadTogetherFile } from './upload-together-file';
import { validateHyperparameters } from './validate-hyperparameters';

/** Checks a local file before upload; `@distillery/check`'s `checkFile` unless replaced. */
export type TogetherChecker = (path: string, options: CheckFileOptions) => Promise<CheckReport>;

/** Connection options default to `TOGETHER_API_KEY` / `TOGETHER_BASE_URL`, as for the provider. */
export interface TogetherFineTuneBackendOptions extends ProviderConnectionOptions {
  /** Backend id in configs. Default `together`. */
  id?: string;
  /** Options for the file check that runs before every upload (e.g. `strict`, `maxSeqLength`, `workers`). */
  check?: Omit<CheckFileOptions, 'backend' | 'signal'>;
  /** Replaces `@distillery/check`'s `checkFile`. */
  checker?: TogetherChecker;
  /** How an upload is finalized: `preprocess` (default, as Together's Python SDKs) or `get` (as the TS SDK). */
  finalizeUpload?: 'preprocess' | 'get';
  /** Per-attempt timeout of the byte upload. Default 1 hour. */
  uploadTimeoutMs?: number;
}

export interface UploadedTogetherFile {
  id: string;
  filename: string;
  bytes: number;
  raw: TogetherFileResponse;
}

/** Core's PriceEstimate plus what Together adds. */
export interface TogetherPriceEstimate extends PriceEstimate {
  evalTokens?: number;
  /** False when the estimate is above the account's limit. */
  allowedToProceed?: boolean;
  userLimitUsd?: number;
}

export interface TogetherCheckpoint {
  step: number;
  at: string;
  path: string;
  /** `Intermediate`, `Final Merged`, `Final Adapter`, `Final`. */
  type: string;
  raw: unknown;
}

export type TogetherHardware = HardwareOption;

export interface TogetherDeployRequest extends DeployRequest {
  displayName?: string;
  /** Minutes without traffic before the endpoint stops. */
  inactiveTimeout?: number;
}

export interface TogetherDeployment extends Deployment {
  model: string;
  raw: unknown;
}

export interface TogetherFineTuneBackend extends FineTuneBackend {
  readonly baseURL: string;
  check(path: string, options?: TrainerCheckOptions): Promise<CheckReport>;
  upload(path: string, options?: CallOptions & { model?: string }): Promise<UploadedTogetherFile>;
  /** Training and validation files may be local paths (checked, then uploaded) or `file-…` ids. */
  create(job: FineTuneJobRequest, options?: CreateJobOptions): Promise<{ id: string }>;
  limits(model: string, options?: CallOptions): Promise<ModelLimits & { raw: TogetherModelLimits }>;
  validateHyperparameters(
    limits: ModelLimits | TogetherModelLimits,
    request: FineTuneJobRequest,
  ): HyperparameterViolation[];
  /** Files must already be uploaded (`file-…` ids). */
  estimatePrice(job: FineTuneJobRequest, options?: CallOptions): Promise<TogetherPriceEstimate>;
  checkpoints(id: string, options?: CallOptions): Promise<TogetherCheckpoint[]>;
  deploy(request: TogetherDeployRequest, options?: CallOptions): Promise<TogetherDeployment>;
  listHardware(model?: string, options?: CallOptions): Promise<TogetherHardware[]>;
  getEndpoint(id: string, options?: CallOptions): Promise<TogetherDeployment>;
  validateJob(job: FineTuneJobRequest, options?: CallOptions): Promise<JobVerdict>;
  findJobByTrainingFile(fileId: string, options?: CallOptions): Promise<FineTuneJobState | undefined>;
  deleteFile(fileId: string, options?: CallOptions): Promise<void>;
  listEndpoints(options?: CallOptions): Promise<EndpointInfo[]>;
  stopEndpoint(id: string, options?: CallOptions): Promise<TogetherDeployment>;
}

const DEFAULT_UPLOAD_TIMEOUT_MS = 3_600_000;

function toDeployment(raw: unknown): TogetherDeployment {
  const e = asRecord(raw);
  return {
    id: String(e.id),
    name: String(e.name),
    state: String(e.state),
    model: String(e.model),
    ...(typeof e.hardware === 'string' ? { hardware: e.hardware } : {}),
    raw,
  };
}

/**
 * Together fine-tuning as a v1 FineTuneBackend: files checked with `@distillery/check` then
 * uploaded by its own presigned-URL upload (the SDK's is broken on Node/ESM), jobs created only
 * after the hyperparameters pass the model's published limits, statuses normalised, events with
 * loss, checkpoints, cancel, price estimates, and deployment to a dedicated endpoint. The other
 * calls go through the `together-ai` SDK.
 */
export function createTogetherFineTuneBackend(
  options: TogetherFineTuneBackendOptions = {},
): TogetherFineTuneBackend {
  const id = options.id ?? 'together';
  const label = 'Together';
  const { apiKey, apiKeyEnv, baseURL, timeoutMs, policy, secrets } = resolveProviderSettings(
    options,
    TOGETHER_SETTINGS,
  );
  const checker: TogetherChecker = options.checker ?? checkFile;
  const doFetch = options.fetch ?? globalThis.fetch;

  const errorContext = (subject: string, model = '', notFoundAdvice?: string): ErrorContext => ({
    provider: id,
    label,
    model,
    apiKeyEnv,
    baseURLEnv: TOGETHER_SETTINGS.baseURLEnv,
    baseURL,
    timeoutMs,
    secrets,
    subject,
    ...(notFoundAdvice ? { notFoundAdvice } : {}),
    badRequestAdvice: 'Fix the fine-tune settings.',
  });
  const jobErrors = (jobId: string) =>
    errorContext(`fine-tune job ${jobId}`, '', 'Check the job id (`distill jobs` lists them).');

  const sdk = lazyTogetherClient({ apiKey, baseURL, timeoutMs }, options);
  /** One SDK call with retries; every failure a ProviderError naming `errors.subject`. */
  const call = <T>(
    errors: ErrorContext,
    signal: AbortSignal | undefined,
    fn: (c: Together, s: AbortSignal) => Promise<T>,
    /** For a call that starts something billed: finds what a failed attempt made (see callWithRetry). */
    reconcile?: (c: Together, s: AbortSignal, since: number) => Promise<T | undefined>,
  ) =>
    callWithRetry({
      errors,
      policy,
      timeoutMs,
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
      backend: 'together',
      ...callOptions,
    });
  }

  /** Sends a file that passed its check. */
  async function send(path: string, callOptions: CallOptions = {}): Promise<UploadedTogetherFile> {
    const errors = errorContext(`file ${basename(path)}`);
    if (!apiKey) throw missingApiKey(errors);
    const file = await uploadTogetherFile(path, {
      baseURL,
      apiKey,
      fetch: doFetch,
      policy,
      timeoutMs,
      uploadTimeoutMs: options.uploadTimeoutMs ?? DEFAULT_UPLOAD_TIMEOUT_MS,
      errors,
      headers: options.headers,
      finalize: options.finalizeUpload ?? 'preprocess',
      purpose: 'fine-tune',
      signal: callOptions.signal,
    });
    return {
      id: file.id,
      filename: typeof file.filename === 'string' ? file.filename : basename(path),
      bytes: typeof file.bytes === 'number' ? file.bytes : 0,
      raw: file,
    };
  }

  async function upload(
    path: string,
    callOptions: CallOptions & { model?: string } = {},
  ): Promise<UploadedTogetherFile> {
    assertCheckPassed(await check(path, callOptions), path, label);
    return send(path, callOptions);
  }

  async function limits(model: string, callOptions: CallOptions = {}) {
    const errors = errorContext(
      `fine-tuning limits of model ${model}`,
      model,
      'Together cannot fine-tune this model; pick one from GET /fine-tunes/models/supported.',
    );
    const raw = await call(errors, callOptions.signal, (c, signal) =>
      c.fineTuning.modelLimits({ model_name: model }, { signal }),
    );
    return toModelLimits(raw);
  }

  async function create(
    job: FineTuneJobRequest,
    callOptions: CreateJobOptions = {},
  ): Promise<{ id: string }> {
    const { signal, isKnownJob } = callOptions;
    const modelLimits = await limits(job.baseModel, callOptions);
    const violations = validateHyperparameters(modelLimits, job);
    assertNoViolations(violations, job.baseModel);
    const { trainingFile, validationFile } = await resolveJobFiles(job, {
      backend: label,
      check: (path) => check(path, { model: job.baseModel, signal }),
      send: (path) => send(path, { signal }),
    });
    const body = buildTogetherFineTuneBody(job, { trainingFile, validationFile }, modelLimits.raw);
    return call(
      errorContext(`fine-tune of ${job.baseModel}`, job.baseModel),
      signal,
      async (c, s) => ({ id: (await c.fineTuning.create(body, { signal: s })).id }),
      // A create that failed after Together may have accepted it: find that job before paying for a second.
      // Only a job made since the failed attempt was sent, never one the caller already tracks.
      async (c, s, since) => {
        const list = await c.fineTuning.list({ signal: s });
        for (const j of list.data)
          if (
            j.training_file === body.training_file &&
            j.model === body.model &&
            createdSince(j.created_at, since) &&
            !(await isKnownJob?.(j.id))
          )
            return { id: j.id };
        return undefined;
      },
    );
  }

  function state(raw: unknown): FineTuneJobState {
    const j = asRecord(raw);
    const rawStatus = String(j.status);
    const status = normalizeTogetherStatus(rawStatus);
    const events = Array.isArray(j.events) ? j.events.map(toTogetherEvent) : [];
    const progress = [...events].reverse().find((e) => e.totalSteps !== undefined);
    const failure = [...events].reverse().find((e) => e.level === 'error' || e.type === 'job_error');
    return {
      id: String(j.id),
      status,
      rawStatus,
      ...(status === 'completed' && typeof j.model_output_name === 'string'
        ? { resultModel: j.model_output_name }
        : {}),
      ...(progress?.step !== undefined ? { step: progress.step } : {}),
      ...(progress?.totalSteps !== undefined ? { totalSteps: progress.totalSteps } : {}),
      ...(status === 'failed' ? { error: failure?.message ?? 'Together reported the job as failed.' } : {}),
      raw,
    };
  }

  const get = async (jobId: string, callOptions: CallOptions = {}) =>
    state(
      await call(jobErrors(jobId), callOptions.signal, (c, signal) =>
        c.fineTuning.retrieve(jobId, { signal }),
      ),
    );

  async function events(jobId: string, callOptions: CallOptions = {}): Promise<FineTuneEvent[]> {
    const list = await call(jobErrors(jobId), callOptions.signal, (c, signal) =>
      c.fineTuning.listEvents(jobId, { signal }),
    );
    return Array.isArray(list.data) ? list.data.map(toTogetherEvent) : [];
  }

  async function cancel(jobId: string, callOptions: CallOptions = {}): Promise<FineTuneJobState> {
    await call(jobErrors(jobId), callOptions.signal, (c, signal) => c.fineTuning.cancel(jobId, { signal }));
    return get(jobId, callOptions);
  }

  async function checkpoints(jobId: string, callOptions: CallOptions = {}): Promise<TogetherCheckpoint[]> {
    const list = await call(jobErrors(jobId), callOptions.signal, (c, signal) =>
      c.fineTuning.listCheckpoints(jobId, { signal }),
    );
    return (Array.isArray(list.data) ? list.data : []).map((cp) => ({
      step: typeof cp.step === 'number' ? cp.step : 0,
      at: String(cp.created_at ?? ''),
      path: String(cp.path ?? ''),
      type: String(cp.checkpoint_type ?? ''),
      raw: cp,
    }));
  }

  async function estimatePrice(
    job: FineTuneJobRequest,
    callOptions: CallOptions = {},
  ): Promise<TogetherPriceEstimate> {
    for (const file of [job.trainingFile, job.validationFile])
      if (file && !isProviderFileId(file))
        throw new InputError(`Upload ${file} before estimating the price (a file id is needed).`, {
          advice: 'Call upload() first, or create() the job directly.',
        });
    // A LoRA body needs the rank, which defaults to the model's maximum: read the limits first.
    const modelLimits = job.method === 'full' ? undefined : (await limits(job.baseModel, callOptions)).raw;
    const body = buildTogetherEstimatePriceBody(
      buildTogetherFineTuneBody(
        job,
        { trainingFile: job.trainingFile, validationFile: job.validationFile },
        modelLimits,
      ),
    );
    const raw = await call(
      errorContext(`price estimate for ${job.baseModel}`, job.baseModel),
      callOptions.signal,
      (c, signal) => c.fineTuning.estimatePrice(body, { signal }),
    );
    if (!raw.estimation_available)
      return { available: false, unavailableReason: raw.unavailable_reason, raw };
    const pick = <T>(key: string, value: T | undefined) => (value !== undefined ? { [key]: value } : {});
    return {
      available: true,
      ...pick('totalPriceUsd', raw.estimated_total_price),
      ...pick('trainTokens', raw.estimated_train_token_count),
      ...pick('evalTokens', raw.estimated_eval_token_count),
      ...pick('allowedToProceed', raw.allowed_to_proceed),
      ...pick('userLimitUsd', raw.user_limit),
      raw,
    };
  }

  async function deploy(
    request: TogetherDeployRequest,
    callOptions: CallOptions = {},
  ): Promise<TogetherDeployment> {
    const min = request.minReplicas ?? 1;
    const body: Together.EndpointCreateParams = {
      model: request.model,
      hardware: request.hardware,
      autoscaling: { min_replicas: min, max_replicas: request.maxReplicas ?? min },
      ...(request.displayName ? { display_name: request.displayName } : {}),
      ...(request.inactiveTimeout !== undefined ? { inactive_timeout: request.inactiveTimeout } : {}),
    };
    const errors = errorContext(
      `endpoint for ${request.model}`,
      request.model,
      'Together cannot host this model (a fine-tune must be completed; `-Reference` models cannot be deployed).',
    );
    return toDeployment(
      await call(
        errors,
        callOptions.signal,
        (c, signal): Promise<unknown> => c.endpoints.create(body, { signal }),
        // An endpoint bills by the hour: after a create that may have gone through, take the one it made.
        async (c, signal, since) => {
          const list = await c.endpoints.list({ type: 'dedicated' }, { signal });
          const found = list.data.find(
            (e) =>
              e.model === body.model &&
              createdSince(e.created_at, since) &&
              (body.display_name === undefined ||
                !('display_name' in e) ||
                e.display_name === body.display_name),
          );
          return found ? c.endpoints.retrieve(found.id, { signal }) : undefined;
        },
      ),
    );
  }

  async function listHardware(model?: string, callOptions: CallOptions = {}): Promise<TogetherHardware[]> {
    const errors = errorContext(
      model ? `hardware for ${model}` : 'hardware list',
      model ?? '',
      'Together cannot host this model on dedicated hardware.',
    );
    const list = await call(errors, callOptions.signal, (c, signal) =>
      c.endpoints.listHardware(model ? { model } : {}, { signal }),
    );
    return (Array.isArray(list.data) ? list.data : []).map((h) => {
      const cents = h.pricing?.cents_per_minute;
      const status = h.availability?.status;
      return {
        id: String(h.id),
        ...(typeof cents === 'number' ? { centsPerMinute: cents } : {}),
        ...(typeof status === 'string' ? { available: status === 'available' } : {}),
        raw: h,
      };
    });
  }

  const getEndpoint = async (endpointId: string, callOptions: CallOptions = {}) =>
    toDeployment(
      await call(
        errorContext(`endpoint ${endpointId}`, '', 'Check the endpoint id.'),
        callOptions.signal,
        (c, signal) => c.endpoints.retrieve(endpointId, { signal }),
      ),
    );

  /** Live limits with a key (a 404/400 there means the model cannot be tuned), else the offline snapshot. */
  async function validateJob(job: FineTuneJobRequest, callOptions: CallOptions = {}): Promise<JobVerdict> {
    const known = [...TOGETHER_LIMITS_SNAPSHOT.keys()];
    if (!apiKey) {
      const source: LimitsSource = {
        kind: 'snapshot',
        date: TOGETHER_LIMITS_SNAPSHOT_DATE,
        description: `Together's limits as of ${TOGETHER_LIMITS_SNAPSHOT_DATE} (offline snapshot; no TOGETHER_API_KEY)`,
      };
      return togetherJobVerdict(TOGETHER_LIMITS_SNAPSHOT.get(job.baseModel), job, source, known);
    }
    const source: LimitsSource = { kind: 'live', description: "Together's live /fine-tunes/models/limits" };
    try {
      return togetherJobVerdict((await limits(job.baseModel, callOptions)).raw, job, source, known);
    } catch (error) {
      if (ProviderError.isInstance(error) && (error.status === 404 || error.status === 400))
        return togetherJobVerdict(undefined, job, source, known);
      throw error;
    }
  }

  async function findJobByTrainingFile(
    fileId: string,
    callOptions: CallOptions = {},
  ): Promise<FineTuneJobState | undefined> {
    const list = await call(errorContext('fine-tune list'), callOptions.signal, (c, signal) =>
      c.fineTuning.list({ signal }),
    );
    const match = list.data.find((j) => j.training_file === fileId);
    return match ? get(match.id, callOptions) : undefined;
  }

  async function deleteFile(fileId: string, callOptions: CallOptions = {}): Promise<void> {
    await call(
      errorContext(`file ${fileId}`, '', 'It may already be deleted.'),
      callOptions.signal,
      (c, signal) => c.files.delete(fileId, { signal }),
    );
  }

  async function listEndpoints(callOptions: CallOptions = {}): Promise<EndpointInfo[]> {
    const list = await call(errorContext('endpoint list'), callOptions.signal, (c, signal) =>
      c.endpoints.list({ type: 'dedicated' }, { signal }),
    );
    // The list omits the hardware, which prices an endpoint: ask for each one.
    return Promise.all(list.data.map((e) => getEndpoint(e.id, callOptions)));
  }

  async function stopEndpoint(
    endpointId: string,
    callOptions: CallOptions = {},
  ): Promise<TogetherDeployment> {
    return toDeployment(
      await call(
        errorContext(`endpoint ${endpointId}`, '', 'Check the endpoint id (`distill endpoints list`).'),
        callOptions.signal,
        (c, signal) => c.endpoints.update(endpointId, { state: 'STOPPED' }, { signal }),
      ),
    );
  }

  return {
    specificationVersion: 'v1',
    kind: 'fine-tune-backend',
    id,
    /** Its fine-tunes are called through the model provider of the same id. */
    provider: id,
    description: `Together fine-tuning, files and dedicated endpoints (${baseURL})`,
    /** Export formats (runtime ids) whose JSONL Together trains on. */
    trainingPricePerMillionTokens: togetherTrainingPricePerMillionTokens,
    formats: ['together', 'together-preference', 'r1'],
    methods: ['lora', 'full'],
    baseModels: TOGETHER_FINE_TUNE_MODELS,
    baseURL,
    check,
    upload,
    create,
    get,
    events,
    cancel,
    limits,
    validateHyperparameters,
    estimatePrice,
    checkpoints,
    deploy,
    listHardware,
    getEndpoint,
    validateJob,
    findJobByTrainingFile,
    deleteFile,
    listEndpoints,
    stopEndpoint,
  };
}
