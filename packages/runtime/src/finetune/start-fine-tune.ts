import type { FineTuneRecord } from '@distillery/core';
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
  const backend = session.plugins.backend(plan.backend);
  const signal = session.ctx.signal;
  const callOptions = signal ? { signal } : {};
  const now = () => new Date().toISOString();
  let record: FineTuneRecord = await saveFineTune(store, {
    id: plan.id,
    backend: plan.backend,
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
  options.onStep?.('upload-train');
  const train = await backend.upload(plan.train.export.file, callOptions);
  record = await saveFineTune(store, { ...record, files: { ...record.files, train: train.id } });
  let validationId: string | undefined;
  if (plan.validation) {
    options.onStep?.('upload-validation');
    validationId = (await backend.upload(plan.validation.export.file, callOptions)).id;
    record = await saveFineTune(store, { ...record, files: { ...record.files, validation: validationId } });
  }
  options.onStep?.('create');
  const created = await backend.create(
    { ...plan.request, trainingFile: train.id, ...(validationId ? { validationFile: validationId } : {}) },
    callOptions,
  );
  record = await saveFineTune(store, { ...record, jobId: created.id });
  return refreshFineTune(session, store, record);
}
