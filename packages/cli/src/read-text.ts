import path from 'node:path';
import { InputError } from '@distillery/core/contracts';
import type { CliIO } from './cli-io';

/**
 * Reads a whole file, or standard input for `-`, as UTF-8 text. A missing file, a folder, an
 * unreadable or empty file, or one that is not UTF-8 is one plain InputError naming it.
 */
export async function readText(file: string, io: CliIO): Promise<string> {
  const { decodeUtf8, openInputFile } = await import('@distillery/runtime/session');
  if (file === '-') {
    const chunks: Uint8Array[] = [];
    for await (const chunk of io.stdin) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
    return decodeUtf8(Buffer.concat(chunks), 'standard input');
  }
  const { handle, size } = await openInputFile(
    path.resolve(io.cwd, file),
    file,
    'Check the path, or pass - to read standard input.',
  );
  let bytes: Uint8Array;
  try {
    bytes = await handle.readFile();
  } finally {
    await handle.close();
  }
  if (size === 0 || bytes.length === 0) {
    throw new InputError(`${file} is empty.`, { location: file, advice: 'Give a file with the text in it.' });
  }
  return decodeUtf8(bytes, file);
}
