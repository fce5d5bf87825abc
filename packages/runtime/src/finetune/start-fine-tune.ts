import { type FineTuneBackend, type FineTuneRecord, hasFiles, UserError } from '@distillery/core';
import type { Session } from '../session';
import type { SampleStore } from '../store/sample-store';
import { listFineTunes, saveFineTune } from './fine-tune-records';
import { NOT_SUBMITTED, SUBMITTING } from './local-status';
import type { FineTunePlan } from './plan-fine-tune';
import { refreshFineTune } from './refresh-fine-tune';

export type FineTuneStep = 'upload-train' | 'upload-validation' | 'create';

/** Deletes what a failed train uploaded; returns the ids it could not delete. */
async function deleteUploaded(backend: FineTuneBackend, ids: readonly string[]): Promise<string[]> {
  const left: string[] = [];
  for (const id of ids) {
    try {
      if (!backend.deleteFile) throw new Error('no deleteFile');
      await backend.deleteFile(id);
    } catch {
      left.push(id);
    }
  }
  return left;
}

function withAdvice(error: unknown, note: string): unknown {
  if (!UserError.isInstance(error)) return error;
  return new UserError(error.message, {
    advice: [error.advice, note].filter(Boolean).join(' '),
    exitCode: error.exitCode,
    ...(error.location ? { location: error.location } : {}),
    cause: error,
  });
}

/**
 * Carries out a plan: uploads the checked files and creates the job, saving the record after
 * every step. The training file's id, saved before `create`, tags the job: a train killed
 * between the provider accepting it and the record saving its id is found again by the next
 * refresh. A train that fails before the provider accepts a job ends `failed` with why, and the
 * files it uploaded are deleted (or named in `leftoverFiles` when they could not be).
 */
export async function startFineTune(
  session: Session,
  store: SampleStore,
  plan: FineTunePlan,
  options: { onStep?: (step: FineTuneStep) => void } = {},
): Promise<FineTuneRecord> {
  const backend = await session.plugins.backend(plan.backend);
  const signal = session.ctx.signal;
  const callOptions = signal ? { signal } : {};
  const now = () => new Date().toISOString();
  let record: FineTuneRecord = await saveFineTune(store, {
    id: plan.id,
    backend: plan.backend,
    provider: plan.provider,
    baseModel: plan.baseModel,
    datasetId: plan.dataset.id,
    splits: { train: plan.train.split, ...(plan.validation ? { validation: plan.validation.split } : {}) },
    strategy: plan.strategy,
    ...(plan.train.export.layout ? { layout: plan.train.export.layout } : {}),
    method: plan.method,
    hyperparameters: plan.request.hyperparameters,
    prompt: plan.call.prompt,
    flow: plan.call.flow,
    ...(plan.call.parser ? { parser: plan.call.parser } : {}),
    files: {},
    status: 'pending',
    rawStatus: SUBMITTING,
    statusHistory: [{ status: 'pending', rawStatus: SUBMITTING, at: now() }],
    events: [],
    createdAt: now(),
  });

  const uploaded: string[] = [];
  let step: FineTuneStep = 'upload-train';
  try {
    // A backend with the `files` capability keeps files on the provider: upload them first and
    // record their ids. Others (local trainers) take the checked local paths in `create`.
    let trainingFile = plan.train.export.file;
    let validationFile = plan.validation?.export.file;
    if (hasFiles(backend)) {
      options.onStep?.(step);
      trainingFile = (await backend.upload(trainingFile, callOptions)).id;
      uploaded.push(trainingFile);
      record = await saveFineTune(store, { ...record, files: { ...record.files, train: trainingFile } });
      if (validationFile) {
        step = 'upload-validation';
        options.onStep?.(step);
        validationFile = (await backend.upload(validationFile, callOptions)).id;
        uploaded.push(validationFile);
        record = await saveFineTune(store, {
          ...record,
          files: { ...record.files, validation: validationFile },
        });
      }
    }
    step = 'create';
    options.onStep?.(step);
    const created = await backend.create(
      { ...plan.request, trainingFile, ...(validationFile ? { validationFile } : {}) },
      {
        ...callOptions,
        // A retried create never takes a job this project already tracks for the one it started.
        isKnownJob: async (jobId) => (await listFineTunes(store)).some((r) => r.jobId === jobId),
      },
    );
    record = await saveFineTune(store, { ...record, jobId: created.id });
  } catch (error) {
    // A create whose answer was lost may still have started a job: look before cleaning up.
    if (step === 'create' && record.files.train && backend.findJobByTrainingFile) {
      const found = await backend.findJobByTrainingFile(record.files.train).catch(() => 'unknown' as const);
      if (found === 'unknown')
        throw withAdvice(
          error,
          `Run \`distill status ${record.id}\` to see whether the provider started it.`,
        );
      if (found) {
        record = await saveFineTune(store, { ...record, jobId: found.id });
        return refreshFineTune(session, store, record);
      }
    }
    const leftover = await deleteUploaded(backend, uploaded);
    const message = error instanceof Error ? error.message : String(error);
    await saveFineTune(store, {
      ...record,
      status: 'failed',
      rawStatus: NOT_SUBMITTED,
      statusHistory: [...record.statusHistory, { status: 'failed', rawStatus: NOT_SUBMITTED, at: now() }],
      error: `${step.replace('-', ' ')} failed before the provider accepted a job: ${message}`,
      ...(leftover.length ? { leftoverFiles: leftover } : {}),
    });
    throw withAdvice(
      error,
      uploaded.length === 0
        ? 'No fine-tune was started and nothing was uploaded.'
        : leftover.length === 0
          ? `No fine-tune was started; the ${uploaded.length} uploaded file(s) were deleted.`
          : `No fine-tune was started; uploaded file(s) ${leftover.join(', ')} could not be deleted: delete them in the provider's console.`,
    );
  }
  return refreshFineTune(session, store, record);
}
