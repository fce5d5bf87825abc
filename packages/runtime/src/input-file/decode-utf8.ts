import { invalidUtf8Error, lineAt, validUtf8Prefix } from './invalid-utf8-error';

/** A whole file's bytes as text; a byte that is not UTF-8 is an InputError naming its line. */
export function decodeUtf8(bytes: Uint8Array, shownAs: string, consequence?: string): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw invalidUtf8Error(shownAs, lineAt(bytes, validUtf8Prefix(bytes)), consequence);
  }
}
