import { createReadStream } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import OpenAI, { type APIError } from 'openai';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { failOnSpecViolations } from '../spec/fail-on-spec-violations';
import { type MockServer, startMockServer } from '../start-mock-server';

failOnSpecViolations();

let server: MockServer;
let client: OpenAI;
let dir: string;
let trainPath: string;

const TRAIN =
  [
    {
      messages: [
        { role: 'user', content: '2+2?' },
        { role: 'assistant', content: '<think>2+2=4</think>4' },
      ],
    },
    {
      messages: [
        { role: 'user', content: '3+3?' },
        { role: 'assistant', content: '6', weight: 1 },
      ],
    },
  ]
    .map((l) => JSON.stringify(l))
    .join('\n') + '\n';

beforeAll(async () => {
  server = await startMockServer();
  client = new OpenAI({ apiKey: 'sk-test', baseURL: server.openaiBaseURL, maxRetries: 0 });
  dir = await mkdtemp(join(tmpdir(), 'testkit-openai-ft-'));
  trainPath = join(dir, 'train.jsonl');
  await writeFile(trainPath, TRAIN);
});
beforeEach(() => server.reset());
afterAll(async () => {
  await server.close();
  await rm(dir, { recursive: true, force: true });
});

async function uploadTraining(): Promise<OpenAI.FileObject> {
  return client.files.create({ file: createReadStream(trainPath), purpose: 'fine-tune' });
}

async function createJob(
  extra: Partial<OpenAI.FineTuning.JobCreateParams> = {},
): Promise<OpenAI.FineTuning.FineTuningJob> {
  const file = await uploadTraining();
  return client.fineTuning.jobs.create({ model: 'gpt-4.1-mini', training_file: file.id, ...extra });
}

async function errorOf(promise: Promise<unknown>): Promise<APIError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(OpenAI.APIError);
  return error as APIError;
}

describe('OpenAI files through the SDK', () => {
  it('files.create sends multipart file then purpose and gets a FileObject back', async () => {
    const file = await uploadTraining();
    expect(file).toEqual({
      id: expect.stringMatching(/^file-[A-Za-z0-9]{22}$/),
      object: 'file',
      bytes: Buffer.byteLength(TRAIN),
      created_at: expect.any(Number),
      filename: 'train.jsonl',
      purpose: 'fine-tune',
      status: 'processed',
    });
    const raw = server.requests.at(-1)!;
    expect(raw.headers['content-type']).toMatch(/^multipart\/form-data; boundary=/);
    const body = raw.body as string;
    expect(body.indexOf('name="file"')).toBeLessThan(body.indexOf('name="purpose"'));
  });

  it('retrieve, list (cursor pages), content and delete', async () => {
    const a = await uploadTraining();
    const b = await client.files.create({ file: new File(['{"x":1}\n'], 'b.jsonl'), purpose: 'batch' });
    expect(await client.files.retrieve(a.id)).toMatchObject({ id: a.id, filename: 'train.jsonl' });

    const ids: string[] = [];
    for await (const file of client.files.list({ limit: 1 })) ids.push(file.id);
    expect(ids).toEqual([b.id, a.id]); // newest first, one per page
    const pages = server.requests.filter((r) => r.method === 'GET' && r.path === '/v1/files');
    expect(pages.map((r) => r.query.after)).toEqual([undefined, b.id]);
    const batch = await client.files.list({ purpose: 'batch' });
    expect(batch.data.map((f) => f.id)).toEqual([b.id]);

    expect(await (await client.files.content(a.id)).text()).toBe(TRAIN);
    expect(await client.files.delete(a.id)).toEqual({ id: a.id, object: 'file', deleted: true });
    const gone = await errorOf(client.files.retrieve(a.id));
    expect(gone).toBeInstanceOf(OpenAI.NotFoundError);
  });

  it('rejects a fine-tune file that is not .jsonl and an unknown purpose', async () => {
    const txt = await errorOf(
      client.files.create({ file: new File(['x'], 'data.txt'), purpose: 'fine-tune' }),
    );
    expect(txt).toBeInstanceOf(OpenAI.BadRequestError);
    expect(txt.message).toContain('Must be .jsonl');
    const purpose = await errorOf(
      client.files.create({ file: new File(['x'], 'a.jsonl'), purpose: 'training' as 'fine-tune' }),
    );
    expect(purpose.param).toBe('purpose');
    expect(server.takeViolations()).toHaveLength(2);
  });
});

describe('OpenAI fine-tuning jobs through the SDK', () => {
  it('create returns a validating_files job with unix timestamps and the method echoed', async () => {
    const before = Math.floor(Date.now() / 1000);
    const job = await createJob({
      suffix: 'gsm8k',
      seed: 7,
      metadata: { project: 'distill' },
      method: { type: 'supervised', supervised: { hyperparameters: { n_epochs: 2, batch_size: 'auto' } } },
    });
    expect(job).toMatchObject({
      object: 'fine_tuning.job',
      id: expect.stringMatching(/^ftjob-[A-Za-z0-9]{24}$/),
      model: 'gpt-4.1-mini',
      status: 'validating_files',
      fine_tuned_model: null,
      finished_at: null,
      error: null,
      trained_tokens: null,
      result_files: [],
      seed: 7,
      metadata: { project: 'distill' },
      organization_id: 'org-mock',
      method: { type: 'supervised', supervised: { hyperparameters: { n_epochs: 2, batch_size: 'auto' } } },
    });
    expect(job.created_at).toBeGreaterThanOrEqual(before);
    expect(job.created_at).toBeLessThan(1e11); // seconds, not milliseconds
  });

  it('advances validating_files → queued → running → succeeded, with metrics events and checkpoints', async () => {
    const created = await createJob({
      suffix: 'gsm8k',
      method: { type: 'supervised', supervised: { hyperparameters: { n_epochs: 2 } } },
    });
    const statuses: string[] = [created.status];
    for (let i = 0; i < 20 && statuses.at(-1) !== 'succeeded'; i++) {
      server.fineTunes.advance();
      const job = await client.fineTuning.jobs.retrieve(created.id);
      if (job.status !== statuses.at(-1)) statuses.push(job.status);
    }
    expect(statuses).toEqual(['validating_files', 'queued', 'running', 'succeeded']);

    const job = await client.fineTuning.jobs.retrieve(created.id);
    expect(job.fine_tuned_model).toMatch(/^ft:gpt-4\.1-mini:mock-org:gsm8k:[A-Za-z0-9]{8}$/);
    expect(job.finished_at).toBeGreaterThanOrEqual(job.created_at);
    expect(job.trained_tokens).toBeGreaterThan(0);
    expect(job.hyperparameters).toEqual({ n_epochs: 2, batch_size: 1, learning_rate_multiplier: 1.8 });
    expect(job.result_files).toHaveLength(1);
    expect(await (await client.files.content(job.result_files[0]!)).text()).toMatch(/^step,train_loss/);

    const events: OpenAI.FineTuning.FineTuningJobEvent[] = [];
    for await (const event of client.fineTuning.jobs.listEvents(job.id, { limit: 5 })) events.push(event);
    expect(events[0]!.message).toBe('The job has successfully completed');
    expect(events.at(-1)!.message).toBe(`Created fine-tuning job: ${job.id}`);
    for (let i = 1; i < events.length; i++)
      expect(events[i]!.created_at).toBeLessThanOrEqual(events[i - 1]!.created_at);
    const metrics = events.filter((e) => e.type === 'metrics').reverse();
    expect(metrics.map((e) => (e.data as { step: number }).step)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(metrics[0]).toMatchObject({ object: 'fine_tuning.job.event', level: 'info' });
    expect(metrics[0]!.data).toMatchObject({
      step: 1,
      train_loss: expect.any(Number),
      train_mean_token_accuracy: expect.any(Number),
    });

    const checkpoints = await client.fineTuning.jobs.checkpoints.list(job.id);
    expect(checkpoints.data.map((c) => c.step_number)).toEqual([8, 4]);
    expect(checkpoints.data[0]).toMatchObject({
      object: 'fine_tuning.job.checkpoint',
      id: expect.stringMatching(/^ftckpt_/),
      fine_tuning_job_id: job.id,
      fine_tuned_model_checkpoint: `${job.fine_tuned_model}:ckpt-step-8`,
      metrics: { step: 8, train_loss: expect.any(Number) },
    });

    // The fine-tuned model answers chat, and GET /v1/models lists it.
    const completion = await client.chat.completions.create({
      model: job.fine_tuned_model!,
      messages: [{ role: 'user', content: 'hi' }],
    });
    expect(completion.model).toBe(job.fine_tuned_model);
    const models = await client.models.list();
    expect(models.data.map((m) => m.id)).toContain(job.fine_tuned_model);
  });

  it('list pages newest first with after/limit', async () => {
    const file = await uploadTraining();
    const created: string[] = [];
    for (let i = 0; i < 3; i++)
      created.push(
        (await client.fineTuning.jobs.create({ model: 'gpt-4o-mini', training_file: file.id })).id,
      );
    const first = await client.fineTuning.jobs.list({ limit: 2 });
    expect(first.data.map((j) => j.id)).toEqual([created[2], created[1]]);
    expect(first.has_more).toBe(true);
    const second = await first.getNextPage();
    expect(second.data.map((j) => j.id)).toEqual([created[0]]);
    expect(second.has_more).toBe(false);
    expect(server.requests.at(-1)?.query).toEqual({ limit: '2', after: created[1] });
    const bad = await errorOf(client.fineTuning.jobs.list({ limit: 0 }));
    expect(server.takeViolations()).toHaveLength(1);
    expect(bad.param).toBe('limit');
  });

  it('cancel ends an unfinished job at once; a finished one cannot be cancelled', async () => {
    const job = await createJob();
    server.fineTunes.advance(3, job.id);
    const cancelled = await client.fineTuning.jobs.cancel(job.id);
    expect(cancelled.status).toBe('cancelled');
    server.fineTunes.advance(5);
    expect((await client.fineTuning.jobs.retrieve(job.id)).status).toBe('cancelled');
    const again = await errorOf(client.fineTuning.jobs.cancel(job.id));
    expect(again).toBeInstanceOf(OpenAI.BadRequestError);
    expect(server.takeViolations()).toHaveLength(1);
    const missing = await errorOf(client.fineTuning.jobs.retrieve('ftjob-missing'));
    expect(missing).toBeInstanceOf(OpenAI.NotFoundError);
  });

  it('failNext fails the job with an error object and an error-level event', async () => {
    server.fineTunes.failNext({ atTrainingStep: 0 });
    const invalid = await createJob();
    server.fineTunes.failNext({ atTrainingStep: 3, message: 'Training diverged', code: 'training_diverged' });
    const diverged = await createJob();
    server.fineTunes.finish();

    const a = await client.fineTuning.jobs.retrieve(invalid.id);
    expect(a).toMatchObject({
      status: 'failed',
      fine_tuned_model: null,
      error: { code: 'invalid_training_file', param: 'training_file' },
    });
    expect(a.finished_at).toEqual(expect.any(Number));
    const b = await client.fineTuning.jobs.retrieve(diverged.id);
    expect(b.error).toEqual({ code: 'training_diverged', message: 'Training diverged', param: null });
    const events = await client.fineTuning.jobs.listEvents(diverged.id);
    expect(events.data[0]).toMatchObject({ level: 'error', message: 'Training diverged' });
    expect(events.data.filter((e) => e.type === 'metrics')).toHaveLength(2);
  });

  it.each([
    [
      { method: { type: 'supervised', supervised: { hyperparameters: { n_epochs: 51 } } } },
      'method.supervised.hyperparameters.n_epochs',
    ],
    [
      { method: { type: 'supervised', supervised: { hyperparameters: { n_epochs: 2.5 } } } },
      'method.supervised.hyperparameters.n_epochs',
    ],
    [
      { method: { type: 'supervised', supervised: { hyperparameters: { batch_size: 257 } } } },
      'method.supervised.hyperparameters.batch_size',
    ],
    [
      { method: { type: 'supervised', supervised: { hyperparameters: { learning_rate_multiplier: 0 } } } },
      'method.supervised.hyperparameters.learning_rate_multiplier',
    ],
    [{ method: { type: 'dpo', dpo: { hyperparameters: { beta: 2.5 } } } }, 'method.dpo.hyperparameters.beta'],
    [{ method: { type: 'reinforcement', reinforcement: {} } }, 'method.reinforcement.grader'],
    [{ method: { type: 'unsupervised' } }, 'method.type'],
    [{ hyperparameters: { n_epochs: 0 } }, 'hyperparameters.n_epochs'],
    [{ suffix: 'x'.repeat(65) }, 'suffix'],
    [{ training_file: 'file-missing' }, 'training_file'],
    [{ model: 'unknown-model' }, 'model'],
  ])('rejects %j with 400 naming %s', async (override, param) => {
    const error = await errorOf(createJob(override as Partial<OpenAI.FineTuning.JobCreateParams>));
    expect(error).toBeInstanceOf(OpenAI.BadRequestError);
    expect(error.param).toBe(param);
    expect(server.takeViolations().map((v) => v.message)).toEqual([
      (error.error as { message: string }).message,
    ]);
  });

  it('accepts "auto" and DPO hyperparameters, and the deprecated top-level hyperparameters', async () => {
    const dpo = await createJob({
      method: {
        type: 'dpo',
        dpo: { hyperparameters: { beta: 'auto', n_epochs: 1, learning_rate_multiplier: 0.5 } },
      },
    });
    expect(dpo.method?.dpo?.hyperparameters).toEqual({
      beta: 'auto',
      n_epochs: 1,
      learning_rate_multiplier: 0.5,
    });
    const legacy = await createJob({ hyperparameters: { n_epochs: 4 } });
    expect(legacy.hyperparameters).toEqual({ n_epochs: 4 });
    expect(legacy.method).toEqual({ type: 'supervised', supervised: { hyperparameters: { n_epochs: 4 } } });
  });
});
