import type { CallOptions } from '../../model-provider/v1/model-provider-v1';
import type { FineTuneJobState } from './trainer-v1';

export interface UploadedFile {
  id: string;
  filename: string;
  bytes: number;
}

/**
 * Capability `files`: the trainer keeps training files on the provider. `upload` checks the file
 * first and sends it only if the check passes; the returned id can be given to `create`.
 */
export interface TrainerFilesV1 {
  upload(path: string, options?: CallOptions & { model?: string }): Promise<UploadedFile>;
  /** The job created from this uploaded training file, if any (reconciles a train killed mid-way). */
  findJobByTrainingFile?(fileId: string, options?: CallOptions): Promise<FineTuneJobState | undefined>;
  /** Deletes an uploaded file (left behind by a train that failed). */
  deleteFile?(fileId: string, options?: CallOptions): Promise<void>;
}
