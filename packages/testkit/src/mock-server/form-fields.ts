import type { MockRouteContext } from './mock-route';
import { type MultipartPart, parseMultipart } from './parse-multipart';

/** A request's form: text fields (query string, then urlencoded or multipart body) and file parts. */
export interface FormFields {
  fields: Record<string, string>;
  files: MultipartPart[];
  /** Whether the body was `multipart/form-data`. */
  multipart: boolean;
}

/**
 * Collects form fields from the query string, an `application/x-www-form-urlencoded` body and a
 * `multipart/form-data` body; body fields win over query fields. Multipart parts with a filename are files.
 */
export function formFields(ctx: Pick<MockRouteContext, 'query' | 'headers' | 'rawBody'>): FormFields {
  const fields: Record<string, string> = { ...ctx.query };
  const files: MultipartPart[] = [];
  const contentType = ctx.headers['content-type'];
  const parts = parseMultipart(ctx.rawBody, contentType);
  if (parts) {
    for (const part of parts) {
      if (part.filename !== undefined) files.push(part);
      else fields[part.name] = part.data.toString('utf8');
    }
  } else if (/^application\/x-www-form-urlencoded/i.test(contentType ?? '')) {
    for (const [k, v] of new URLSearchParams(ctx.rawBody.toString('utf8'))) fields[k] = v;
  }
  return { fields, files, multipart: parts !== null };
}
