/**
 * Cuts `text` into chunks of 1..maxSize UTF-16 code units at random. Cuts may fall anywhere,
 * inside a marker or between the two halves of a surrogate pair, as HTTP chunks decoded by code
 * unit can; a parser has to reassemble them.
 */
export function splitIntoRandomChunks(text: string, random: () => number, maxSize: number): string[] {
  const chunks: string[] = [];
  let pos = 0;
  while (pos < text.length) {
    const size = 1 + Math.floor(random() * Math.max(1, maxSize));
    chunks.push(text.slice(pos, pos + size));
    pos += size;
  }
  return chunks;
}
