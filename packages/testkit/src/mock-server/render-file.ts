import type { MockFile, MockFileProvider } from './mock-file';

/** Together's `FileResponse` (note the capitalised `FileType` and `Processed`, as the API spells them). */
export function togetherFileResponse(file: MockFile): Record<string, unknown> {
  return {
    id: file.id,
    object: 'file',
    created_at: file.createdAt,
    filename: file.filename,
    bytes: file.content?.length ?? 0,
    purpose: file.purpose,
    FileType: file.fileType,
    Processed: file.processed,
    ...(file.processingStatus !== undefined ? { processing_status: file.processingStatus } : {}),
    ...(file.validationReport !== undefined ? { validation_report: file.validationReport } : {}),
  };
}

/** OpenAI's `FileObject`. */
export function openAiFileObject(file: MockFile): Record<string, unknown> {
  return {
    id: file.id,
    object: 'file',
    bytes: file.content?.length ?? 0,
    created_at: file.createdAt,
    ...(file.expiresAt !== null ? { expires_at: file.expiresAt } : {}),
    filename: file.filename,
    purpose: file.purpose,
    status: 'processed',
  };
}

/** A file in the shape of the API that created it, or of `shape` when given. */
export function renderFile(file: MockFile, shape?: MockFileProvider): Record<string, unknown> {
  return (shape ?? file.provider) === 'together' ? togetherFileResponse(file) : openAiFileObject(file);
}
