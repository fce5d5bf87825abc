/** One part of a `multipart/form-data` body. */
export interface MultipartPart {
  name: string;
  /** Set for file parts (`filename=` in `Content-Disposition`). */
  filename?: string;
  contentType?: string;
  data: Buffer;
}

/** The boundary of a `multipart/form-data` content type, or null for any other type. */
export function multipartBoundary(contentType: string | undefined): string | null {
  if (!contentType || !/^multipart\/form-data/i.test(contentType)) return null;
  const match = /boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
  return match?.[1] ?? match?.[2] ?? null;
}

/** Parses a `multipart/form-data` body byte-exactly; null when the content type is not multipart. */
export function parseMultipart(raw: Buffer, contentType: string | undefined): MultipartPart[] | null {
  const boundary = multipartBoundary(contentType);
  if (boundary === null) return null;
  const delimiter = Buffer.from(`--${boundary}`);
  const parts: MultipartPart[] = [];
  let start = raw.indexOf(delimiter);
  while (start >= 0) {
    let cursor = start + delimiter.length;
    if (raw.subarray(cursor, cursor + 2).toString() === '--') break;
    if (raw.subarray(cursor, cursor + 2).toString() === '\r\n') cursor += 2;
    const next = raw.indexOf(delimiter, cursor);
    if (next < 0) break;
    // The part ends with CRLF before the next delimiter.
    const end = raw.subarray(next - 2, next).toString() === '\r\n' ? next - 2 : next;
    const headerEnd = raw.indexOf('\r\n\r\n', cursor);
    if (headerEnd >= 0 && headerEnd < end) {
      const part = parsePart(
        raw.subarray(cursor, headerEnd).toString('utf8'),
        raw.subarray(headerEnd + 4, end),
      );
      if (part) parts.push(part);
    }
    start = next;
  }
  return parts;
}

function parsePart(headerText: string, data: Buffer): MultipartPart | null {
  let name: string | undefined;
  let filename: string | undefined;
  let contentType: string | undefined;
  for (const line of headerText.split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon < 0) continue;
    const key = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    if (key === 'content-type') contentType = value;
    if (key === 'content-disposition') {
      name = dispositionParam(value, 'name');
      filename = dispositionParam(value, 'filename');
    }
  }
  if (name === undefined) return null;
  return {
    name,
    ...(filename !== undefined ? { filename } : {}),
    ...(contentType !== undefined ? { contentType } : {}),
    data: Buffer.from(data),
  };
}

function dispositionParam(value: string, key: string): string | undefined {
  const match = new RegExp(`(?:^|;)\\s*${key}="((?:[^"\\\\]|\\\\.)*)"`, 'i').exec(value);
  if (match) return match[1]!.replace(/\\(.)/g, '$1');
  const bare = new RegExp(`(?:^|;)\\s*${key}=([^;]+)`, 'i').exec(value);
  return bare?.[1]?.trim();
}
