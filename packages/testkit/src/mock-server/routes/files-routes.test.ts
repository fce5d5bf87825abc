import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { failOnSpecViolations } from '../spec/fail-on-spec-violations';
import { type MockServer, startMockServer } from '../start-mock-server';

failOnSpecViolations();

let server: MockServer;
beforeAll(async () => {
  server = await startMockServer();
});
beforeEach(() => server.reset());
afterAll(() => server.close());

// biome-ignore lint/suspicious/noExplicitAny: wire JSON under test
type Json = any;

const AUTH = { authorization: 'Bearer tk-test' };
const TRAIN =
  [
    {
      messages: [
        { role: 'user', content: '2+2?' },
        { role: 'assistant', content: '4', reasoning: '2+2 is 4' },
      ],
    },
    {
      messages: [
        { role: 'user', content: '3+3?' },
        { role: 'assistant', content: '6', reasoning_content: 'add' },
      ],
    },
  ]
    .map((l) => JSON.stringify(l))
    .join('\n') + '\n';

/** Step 1 of the Together SDK's upload: POST /files with the fields in the query string and an urlencoded body. */
function startUpload(fields: Record<string, string>): Promise<Response> {
  const params = new URLSearchParams(fields);
  return fetch(`${server.togetherBaseURL}/files?${params}`, {
    method: 'POST',
    headers: { ...AUTH, 'content-type': 'application/x-www-form-urlencoded' },
    body: params.toString(),
    redirect: 'manual',
  });
}

async function upload(content: string, fileName = 'train.jsonl'): Promise<string> {
  const res = await startUpload({ file_name: fileName, file_type: 'jsonl', purpose: 'fine-tune' });
  const put = await fetch(res.headers.get('location')!, {
    method: 'PUT',
    headers: { 'content-type': 'application/octet-stream' },
    body: content,
  });
  expect(put.status).toBe(200);
  return res.headers.get('x-together-file-id')!;
}

describe('Together file upload (302 + presigned PUT)', () => {
  it('POST /v1/files answers exactly 302 with an absolute presigned Location and X-Together-File-Id', async () => {
    const res = await startUpload({
      file_name: 'data/train.jsonl',
      file_type: 'jsonl',
      purpose: 'fine-tune',
    });
    expect(res.status).toBe(302);
    const id = res.headers.get('x-together-file-id')!;
    expect(id).toMatch(/^file-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    const location = new URL(res.headers.get('location')!);
    expect(location.origin).toBe(server.url);
    expect(location.searchParams.get('X-Amz-Signature')).toMatch(/^[0-9a-f]{64}$/);

    // Before the PUT the file exists but holds nothing.
    const pending: Json = await (
      await fetch(`${server.togetherBaseURL}/files/${id}`, { headers: AUTH })
    ).json();
    expect(pending).toMatchObject({ id, bytes: 0, Processed: false, processing_status: 'PENDING' });

    const put = await fetch(location, { method: 'PUT', body: TRAIN }); // no auth, like S3
    expect(put.status).toBe(200);
    expect(put.headers.get('etag')).toMatch(/^"[0-9a-f]{32}"$/);
    expect(server.requests.at(-1)?.headers.authorization).toBeUndefined();

    const file: Json = await (await fetch(`${server.togetherBaseURL}/files/${id}`, { headers: AUTH })).json();
    expect(file).toEqual({
      id,
      object: 'file',
      created_at: expect.any(Number),
      filename: 'data/train.jsonl',
      bytes: Buffer.byteLength(TRAIN),
      purpose: 'fine-tune',
      FileType: 'jsonl',
      Processed: true,
      processing_status: 'COMPLETED',
      validation_report: {
        valid: true,
        dataset_format: 'CONVERSATION',
        dataset_has_message_weights: false,
        dataset_has_parallel_tool_calls: false,
        dataset_has_reasoning: true,
        dataset_has_sample_weights: false,
        dataset_has_tools: false,
        dataset_is_multimodal: false,
        file_id: id,
        nlines: 2,
      },
    });
    expect(file.created_at).toBeLessThanOrEqual(Math.floor(Date.now() / 1000));
  });

  it('takes the fields from the query string alone, or from a multipart body without a file part', async () => {
    const query = new URLSearchParams({ file_name: 'q.jsonl', purpose: 'fine-tune' });
    const byQuery = await fetch(`${server.togetherBaseURL}/files?${query}`, {
      method: 'POST',
      headers: AUTH,
      redirect: 'manual',
    });
    expect(byQuery.status).toBe(302);
    expect(server.files.get(byQuery.headers.get('x-together-file-id')!)?.filename).toBe('q.jsonl');

    const form = new FormData();
    for (const [k, v] of Object.entries({
      purpose: 'eval',
      file_name: 'e.csv',
      file_type: 'csv',
      checksum: 'abc',
    }))
      form.append(k, v);
    const byMultipart = await fetch(`${server.togetherBaseURL}/files`, {
      method: 'POST',
      headers: AUTH,
      body: form,
      redirect: 'manual',
    });
    expect(byMultipart.status).toBe(302);
    const file = server.files.get(byMultipart.headers.get('x-together-file-id')!)!;
    expect([file.filename, file.purpose, file.fileType]).toEqual(['e.csv', 'eval', 'csv']);
  });

  it('rejects missing or unknown fields with 400 in the error shape', async () => {
    const noName = await startUpload({ purpose: 'fine-tune' });
    expect(noName.status).toBe(400);
    expect(server.takeViolations()).toHaveLength(1);
    expect(((await noName.json()) as Json).error).toMatchObject({
      param: 'file_name',
      type: 'invalid_request_error',
    });
    const badPurpose = await startUpload({ purpose: 'training', file_name: 'a.jsonl' });
    expect(((await badPurpose.json()) as Json).error.param).toBe('purpose');
    const badType = await startUpload({ purpose: 'fine-tune', file_name: 'a.jsonl', file_type: 'txt' });
    expect(((await badType.json()) as Json).error.param).toBe('file_type');
    expect(server.takeViolations()).toHaveLength(2);
  });

  it('refuses a PUT with the wrong signature (403) and to an unknown file (404)', async () => {
    const res = await startUpload({ file_name: 'a.jsonl', purpose: 'fine-tune' });
    const location = new URL(res.headers.get('location')!);
    location.searchParams.set('X-Amz-Signature', '0'.repeat(64));
    expect((await fetch(location, { method: 'PUT', body: TRAIN })).status).toBe(403);
    location.pathname = location.pathname.replace(/file-[^/]+$/, 'file-unknown');
    expect((await fetch(location, { method: 'PUT', body: TRAIN })).status).toBe(404);
  });

  it('POST /v1/files/{id}/preprocess returns the FileResponse once the bytes are there', async () => {
    const res = await startUpload({ file_name: 'a.jsonl', purpose: 'fine-tune' });
    const id = res.headers.get('x-together-file-id')!;
    const early = await fetch(`${server.togetherBaseURL}/files/${id}/preprocess`, {
      method: 'POST',
      headers: AUTH,
    });
    expect(early.status).toBe(400);
    expect(server.takeViolations()).toHaveLength(1);
    await fetch(res.headers.get('location')!, { method: 'PUT', body: TRAIN });
    const done = await fetch(`${server.togetherBaseURL}/files/${id}/preprocess`, {
      method: 'POST',
      headers: AUTH,
    });
    expect((await done.json()) as Json).toMatchObject({ id, Processed: true, FileType: 'jsonl' });
  });

  it('fills validation_report with INVALID_FORMAT for a bad dataset', async () => {
    const id = await upload('{"messages": [{"role": "user", "content": "hi"}]}\nnot json\n');
    const file: Json = await (await fetch(`${server.togetherBaseURL}/files/${id}`, { headers: AUTH })).json();
    expect(file.processing_status).toBe('INVALID_FORMAT');
    expect(file.validation_report).toMatchObject({ valid: false, error_type: 'INVALID_FORMAT', file_id: id });
    expect(file.validation_report.error).toContain('line 1');
  });
});

describe('Together /v1/files/upload, list, content, delete', () => {
  it('POST /v1/files/upload takes multipart purpose, file_name, file_type and file', async () => {
    const form = new FormData();
    form.append('purpose', 'fine-tune');
    form.append('file_name', 'train.jsonl');
    form.append('file_type', 'jsonl');
    form.append('file', new Blob([TRAIN]), 'train.jsonl');
    const res = await fetch(`${server.togetherBaseURL}/files/upload`, {
      method: 'POST',
      headers: AUTH,
      body: form,
    });
    expect(res.status).toBe(200);
    const file: Json = await res.json();
    expect(file).toMatchObject({
      object: 'file',
      filename: 'train.jsonl',
      bytes: Buffer.byteLength(TRAIN),
      FileType: 'jsonl',
      Processed: true,
      validation_report: { valid: true, nlines: 2 },
    });

    const missing = new FormData();
    missing.append('purpose', 'fine-tune');
    missing.append('file_name', 'x.jsonl');
    const bad = await fetch(`${server.togetherBaseURL}/files/upload`, {
      method: 'POST',
      headers: AUTH,
      body: missing,
    });
    expect(bad.status).toBe(400);
    expect(server.takeViolations()).toHaveLength(1);
  });

  it('lists files as {data}, serves their bytes, and deletes them as {id, deleted}', async () => {
    const server2 = await startMockServer({ flavor: 'together' });
    try {
      const a = server2.files.add({ filename: 'a.jsonl', content: TRAIN });
      const b = server2.files.add({ filename: 'b.jsonl', content: '{"text":"x"}\n' });
      const list: Json = await (await fetch(`${server2.togetherBaseURL}/files`, { headers: AUTH })).json();
      expect(Object.keys(list)).toEqual(['data']);
      expect(list.data.map((f: Json) => f.id)).toEqual([a.id, b.id]);
      expect(list.data[1]).toMatchObject({ FileType: 'jsonl', Processed: true });

      const content = await fetch(`${server2.togetherBaseURL}/files/${a.id}/content`, { headers: AUTH });
      expect(await content.text()).toBe(TRAIN);

      const del = await fetch(`${server2.togetherBaseURL}/files/${a.id}`, {
        method: 'DELETE',
        headers: AUTH,
      });
      expect(await del.json()).toEqual({ id: a.id, deleted: true });
      const gone = await fetch(`${server2.togetherBaseURL}/files/${a.id}`, { headers: AUTH });
      expect(gone.status).toBe(404);
    } finally {
      await server2.close();
    }
  });

  it('needs auth on every files route except the presigned PUT', async () => {
    expect((await fetch(`${server.togetherBaseURL}/files`)).status).toBe(401);
    expect((await fetch(`${server.togetherBaseURL}/files/file-x`, { method: 'DELETE' })).status).toBe(401);
  });
});
