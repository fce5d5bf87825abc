import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { InputError } from '@distillery/core/contracts';
import type { CliIO } from './cli-io';

const decoder = new TextDecoder('utf-8', { fatal: true });

function decode(bytes: Uint8Array, where: string): string {
  try {
    return decoder.decode(bytes);
  } catch (error) {
    throw new InputError(`${where} is not valid UTF-8 text.`, {
      location: where,
      advice: 'Convert the file to UTF-8 first.',
      cause: error,
    });
  }
}

/** Reads a whole file, or standard input for `-`, as UTF-8 text. */
export async function readText(file: string, io: CliIO): Promise<string> {
  if (file === '-') {
    const chunks: Uint8Array[] = [];
    for await (const chunk of io.stdin) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
    return decode(Buffer.concat(chunks), 'standard input');
  }
  const full = path.resolve(io.cwd, file);
  let bytes: Uint8Array;
  try {
    bytes = await readFile(full);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new InputError(
      code === 'ENOENT' ? `File not found: ${file}.` : `Cannot read ${file}: ${(error as Error).message}.`,
      { location: file, advice: 'Check the path, or pass - to read standard input.', cause: error },
    );
  }
  return decode(bytes, file);
}
