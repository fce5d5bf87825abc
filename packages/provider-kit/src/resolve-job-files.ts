import type { CheckReport, FineTuneJobRequest } from '@distillery/core';
import { assertCheckPassed } from './assert-check-passed';
import { isProviderFileId } from './provider-file-id';

export interface JobFileSteps {
  /** Name in messages, e.g. `Together`. */
  backend: string;
  /** Checks one local file. */
  check(path: string): Promise<CheckReport>;
  /** Sends one local file that passed its check; returns the provider's file id. */
  send(path: string): Promise<{ id: string }>;
}

/**
 * The provider file ids of a job's training and validation files: `file-…` ids pass through,
 * local paths are checked (both before either is sent, so a bad validation file costs no
 * training upload) and then sent.
 */
export async function resolveJobFiles(
  job: Pick<FineTuneJobRequest, 'trainingFile' | 'validationFile'>,
  steps: JobFileSteps,
): Promise<{ trainingFile: string; validationFile?: string }> {
  const local = (file: string | undefined): file is string => !!file && !isProviderFileId(file);
  for (const path of [job.trainingFile, job.validationFile])
    if (local(path)) assertCheckPassed(await steps.check(path), path, steps.backend);
  const idOf = async (file: string) => (local(file) ? (await steps.send(file)).id : file);
  const trainingFile = await idOf(job.trainingFile);
  return job.validationFile
    ? { trainingFile, validationFile: await idOf(job.validationFile) }
    : { trainingFile };
}
