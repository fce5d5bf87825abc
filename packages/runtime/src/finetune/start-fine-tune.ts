import { type FineTuneRecord, hasFiles } from '@distillery/core';
import type { Session } from '../session';
import type { SampleStore } from '../store/sample-store';
import { saveFineTune } from './fine-tune-records';
import type { FineTunePlan } from './plan-fine-tune';
import { refreshFineTune } from './refresh-fine-tune';

export type FineTuneStep = 'limits' | 'upload-train' | 'upload-validation' | 'create';

/**
 * Carries out a plan: records the fine-tune, checks the hyperparameters against the model's
 * limits, uploads the checked files and creates the job, saving the record after every step so a
 * command that dies mid-way leaves a record the next command picks up from the provider.
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
    statusHistory: [{ status: 'pending', rawStatus: 'local:planned', at: now() }],
    events: [],
    createdAt: now(),
  });

  if (backend.limits) {
    options.onStep?.('limits');
    await backend.limits(plan.baseModel, callOptions);
  }
  // A backend with the `files` capability keeps files on the provider: upload them first and
  // record their ids. Others (local trainers) take the checked local paths in `create`.
  let trainingFile = plan.train.export.file;
  let validationFile = plan.validation?.export.file;
  if (hasFiles(backend)) {
    options.onStep?.('upload-train');
    trainingFile = (await backend.upload(trainingFile, callOptions)).id;
    record = await saveFineTune(store, { ...record, files: { ...record.files, train: trainingFile } });
    if (validationFile) {
      options.onStep?.('upload-validation');
      validationFile = (await backend.upload(validationFile, callOptions)).id;
      record = await saveFineTune(store, {
        ...record,
        files: { ...record.files, validation: validationFile },
      });
    }
  }
  options.onStep?.('create');
  const created = await backend.create(
    { ...plan.request, trainingFile, ...(validationFile ? { validationFile } : {}) },
    callOptions,
  );
  record = await saveFineTune(store, { ...record, jobId: created.id });
  return refreshFineTune(session, store, record);
}
