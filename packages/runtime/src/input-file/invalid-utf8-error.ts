import { InputError } from '@distillery/core/contracts';

/** A file that is not UTF-8 text, pointing at the line that holds the first invalid byte. */
export function invalidUtf8Error(shownAs: string, line: number, consequence?: string): InputError {
  return new InputError(
    `${shownAs} is not UTF-8 text: line ${line} holds a byte that is not valid UTF-8${consequence ? `; ${consequence}` : ''}.`,
    {
      location: `${shownAs}:${line}`,
      advice: 'Save the file as UTF-8 (e.g. `iconv -f latin1 -t utf-8 in.jsonl > out.jsonl`) and run again.',
    },
  );
}

/** Length of the longest prefix of `bytes` that is valid UTF-8 (a sequence cut at the end counts as valid). */
export function validUtf8Prefix(bytes: Uint8Array): number {
  const fits = (n: number) => {
    try {
      new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(0, n), { stream: true });
      return true;
    } catch {
      return false;
    }
  };
  let low = 0;
  let high = bytes.length;
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    if (fits(mid)) low = mid;
    else high = mid - 1;
  }
  return low;
}

/** 1-based line of byte `offset`: line breaks are LF, CRLF or a lone CR. */
export function lineAt(bytes: Uint8Array, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < bytes.length; i++) {
    if (bytes[i] === 0x0a || (bytes[i] === 0x0d && bytes[i + 1] !== 0x0a)) line++;
  }
  return line;
}
