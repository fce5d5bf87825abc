import { type FileHandle, open } from 'node:fs/promises';
import { fileReadError } from './file-read-error';

export interface InputFile {
  handle: FileHandle;
  size: number;
}

/**
 * Opens a file the user named for reading. Missing, a folder, or unreadable: one plain
 * InputError (see fileReadError), never the system's code. The caller closes the handle.
 */
export async function openInputFile(file: string, shownAs: string, advice?: string): Promise<InputFile> {
  let handle: FileHandle;
  try {
    handle = await open(file, 'r');
  } catch (error) {
    throw fileReadError(error, shownAs, advice);
  }
  try {
    const info = await handle.stat();
    if (info.isDirectory()) throw Object.assign(new Error('is a directory'), { code: 'EISDIR' });
    return { handle, size: info.size };
  } catch (error) {
    await handle.close();
    throw fileReadError(error, shownAs, advice);
  }
}
