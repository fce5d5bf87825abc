import type { TogetherValidationReport } from './validate-together-dataset';

/** Which API created a file; it decides the shape the file is shown in. */
export type MockFileProvider = 'together' | 'openai';

export type TogetherProcessingStatus =
  | 'PENDING'
  | 'QUEUED'
  | 'RUNNING'
  | 'COMPLETED'
  | 'FAILED'
  | 'INVALID_FORMAT';

/** A file held by the mock server (uploaded through either API, or added by a test). */
export interface MockFile {
  id: string;
  provider: MockFileProvider;
  filename: string;
  purpose: string;
  /** Unix seconds. */
  createdAt: number;
  /** The bytes; null while a Together presigned upload has not been PUT yet. */
  content: Buffer | null;
  /** Together `FileType`: `jsonl`, `csv` or `parquet`. */
  fileType: string;
  /** Together `Processed`: true once the bytes arrived. */
  processed: boolean;
  /** Together `processing_status` (fine-tune files only). */
  processingStatus?: TogetherProcessingStatus;
  /** Together `validation_report` (fine-tune files only, once the bytes arrived). */
  validationReport?: TogetherValidationReport;
  /** OpenAI `expires_at` (unix seconds) or null. */
  expiresAt: number | null;
  /** The signature a presigned PUT must carry (Together uploads). */
  uploadSignature?: string;
}
