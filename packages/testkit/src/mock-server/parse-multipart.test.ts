import { describe, expect, it } from 'vitest';
import { formFields } from './form-fields';
import { multipartBoundary, parseMultipart } from './parse-multipart';

async function encode(form: FormData): Promise<{ raw: Buffer; contentType: string }> {
  const request = new Request('http://127.0.0.1/', { method: 'POST', body: form });
  return {
    raw: Buffer.from(await request.arrayBuffer()),
    contentType: request.headers.get('content-type')!,
  };
}

describe('parseMultipart', () => {
  it('reads text fields and binary file parts byte-exactly, as undici encodes them', async () => {
    const bytes = Buffer.from([0, 255, 13, 10, 45, 45, 0xe2, 0x82]);
    const form = new FormData();
    form.append('purpose', 'fine-tune');
    form.append('file', new Blob([bytes], { type: 'application/jsonl' }), 'my data.jsonl');
    form.append('note', 'ünïcode\r\nline');
    const { raw, contentType } = await encode(form);
    const parts = parseMultipart(raw, contentType)!;
    expect(parts.map((p) => p.name)).toEqual(['purpose', 'file', 'note']);
    expect(parts[0]!.data.toString()).toBe('fine-tune');
    expect(parts[1]!.filename).toBe('my data.jsonl');
    expect(parts[1]!.contentType).toBe('application/jsonl');
    expect(parts[1]!.data.equals(bytes)).toBe(true);
    expect(parts[2]!.data.toString()).toBe('ünïcode\r\nline');
  });

  it('returns null for other content types and reads quoted boundaries', () => {
    expect(parseMultipart(Buffer.from('a=1'), 'application/x-www-form-urlencoded')).toBeNull();
    expect(multipartBoundary('multipart/form-data; boundary="a b"')).toBe('a b');
    const raw = Buffer.from(
      '--a b\r\nContent-Disposition: form-data; name="k"\r\n\r\nv\r\n' +
        '--a b\r\nContent-Disposition: form-data; name="f"; filename="say \\"hi\\".txt"\r\n\r\n\r\n--a b--\r\n',
    );
    expect(parseMultipart(raw, 'multipart/form-data; boundary="a b"')).toEqual([
      { name: 'k', data: Buffer.from('v') },
      { name: 'f', filename: 'say "hi".txt', data: Buffer.alloc(0) },
    ]);
  });
});

describe('formFields', () => {
  it('merges the query string with an urlencoded body (body wins)', () => {
    const form = formFields({
      query: { purpose: 'eval', file_name: 'q.jsonl' },
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      rawBody: Buffer.from('purpose=fine-tune&file_type=jsonl'),
    });
    expect(form).toEqual({
      fields: { purpose: 'fine-tune', file_name: 'q.jsonl', file_type: 'jsonl' },
      files: [],
      multipart: false,
    });
  });
});
