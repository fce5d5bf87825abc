import { randomUUID } from 'node:crypto';
import type { MockFile, MockFileProvider } from './mock-file';
import { randomAlnum } from './random-id';
import { validateTogetherDataset } from './validate-together-dataset';

/** What a test passes to `server.files.add()`. */
export interface MockFileInit {
  filename: string;
  content: string | Uint8Array;
  /** Default `fine-tune`. */
  purpose?: string;
  /** Default `together` (a `file-<uuid>` id); `openai` gives a `file-<22 chars>` id. */
  provider?: MockFileProvider;
}

/** Test access to the mock server's files (`server.files`). */
export interface MockFilesControl {
  /** Add a file as if uploaded; Together fine-tune files get their `validation_report`. */
  add(init: MockFileInit): MockFile;
  get(id: string): MockFile | undefined;
  /** Every file, oldest first. */
  list(): MockFile[];
  delete(id: string): boolean;
}

/** The files the mock server holds, shared by the Together and OpenAI file routes and the fine-tune routes. */
export class MockFileStore implements MockFilesControl {
  readonly #files = new Map<string, MockFile>();

  /** Add a file directly (as if uploaded); Together fine-tune files get their validation report. */
  add(init: MockFileInit): MockFile {
    const provider = init.provider ?? 'together';
    const file = this.create({
      provider,
      filename: init.filename,
      purpose: init.purpose ?? 'fine-tune',
      fileType: fileTypeOf(init.filename),
    });
    this.setContent(file, Buffer.from(init.content));
    return file;
  }

  /** A new file record without content. */
  create(init: {
    provider: MockFileProvider;
    filename: string;
    purpose: string;
    fileType: string;
  }): MockFile {
    const id = init.provider === 'together' ? `file-${randomUUID()}` : `file-${randomAlnum(22)}`;
    const file: MockFile = {
      id,
      provider: init.provider,
      filename: init.filename,
      purpose: init.purpose,
      createdAt: Math.floor(Date.now() / 1000),
      content: null,
      fileType: init.fileType,
      processed: false,
      expiresAt: null,
    };
    if (init.provider === 'together' && init.purpose === 'fine-tune') file.processingStatus = 'PENDING';
    this.#files.set(id, file);
    return file;
  }

  /** Store the bytes; Together fine-tune files are validated (`processing_status`, `validation_report`). */
  setContent(file: MockFile, content: Buffer): void {
    file.content = content;
    file.processed = true;
    if (file.provider === 'together' && file.purpose === 'fine-tune') {
      file.validationReport = validateTogetherDataset(content, file.id, file.fileType);
      file.processingStatus = file.validationReport.valid ? 'COMPLETED' : 'INVALID_FORMAT';
    }
  }

  get(id: string): MockFile | undefined {
    return this.#files.get(id);
  }

  /** Every file, oldest first. */
  list(): MockFile[] {
    return [...this.#files.values()];
  }

  delete(id: string): boolean {
    return this.#files.delete(id);
  }

  clear(): void {
    this.#files.clear();
  }
}

/** Together's `FileType` from a file name's extension (default `jsonl`). */
export function fileTypeOf(filename: string): string {
  const ext = /\.([a-z0-9]+)$/i.exec(filename)?.[1]?.toLowerCase();
  return ext === 'csv' || ext === 'parquet' ? ext : 'jsonl';
}
