import { readFileSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { checkPlugin, type FineTuneJobRequest, InputError, ProviderError } from '@distillery/core';
import { type MockServer, startMockServer } from '@distillery/testkit';
import { failOnSpecViolations } from '@distillery/testkit/vitest';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import together, {
  createTogetherFineTuneBackend,
  createTogetherProvider,
  validateHyperparameters,
} from './index';

failOnSpecViolations();

const KEY = 'tgp_v1_SECRET-ft-9876';
const fixture = (name: string) => fileURLToPath(new URL(`./__fixtures__/${name}`, import.meta.url));
const TRAIN = fixture('train.jsonl');
const VALIDATION = fixture('validation.jsonl');
const BAD = fixture('no-assistant.jsonl');
const PREFERENCE = fixture('preference.jsonl');
const MODEL = 'Qwen/Qwen3-8B';

let server: MockServer;
beforeAll(async () => {
  server = await startMockServer({ flavor: 'together' });
});
beforeEach(() => server.reset());
afterAll(() => server.close());

const options = () => ({
  env: { TOGETHER_API_KEY: KEY, TOGETHER_BASE_URL: server.togetherBaseURL },
  retry: { initialDelayMs: 1, maxDelayMs: 5 },
  check: { workers: 0 },
});
const backend = () => createTogetherFineTuneBackend(options());
const job = (extra: Partial<FineTuneJobRequest> = {}): FineTuneJobRequest => ({
  baseModel: MODEL,
  trainingFile: TRAIN,
  method: 'lora',
  trainingMethod: 'sft',
  hyperparameters: {},
  ...extra,
});
const requests = (method: string, path: string | RegExp) =>
  server.requests.filter(
    (r) => r.method === method && (typeof path === 'string' ? r.path === path : path.test(r.path)),
  );

async function rejection(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected a rejection');
}

describe('together fine-tune backend', () => {
  it('is exported with the provider by the default export, both v1 plugins with id together', () => {
    const plugins = together(options());
    expect(plugins.map((p) => [p.kind, p.id])).toEqual([
      ['model-provider', 'together'],
      ['fine-tune-backend', 'together'],
    ]);
    for (const plugin of plugins) expect(checkPlugin(plugin, 'test')).toBe(plugin);
  });

  it('uploads with its own 302 + presigned PUT dance: exact bytes, no auth on the PUT, then preprocess', async () => {
    const file = await backend().upload(TRAIN);
    const bytes = readFileSync(TRAIN);
    expect(file).toMatchObject({ filename: 'train.jsonl', bytes: bytes.length });
    expect(server.files.get(file.id)?.content?.equals(bytes)).toBe(true);

    const [create] = requests('POST', '/v1/files');
    expect(create?.headers.authorization).toBe(`Bearer ${KEY}`);
    expect(create?.query).toMatchObject({
      file_name: 'train.jsonl',
      file_type: 'jsonl',
      purpose: 'fine-tune',
    });
    const puts = requests('PUT', /^\/presigned-upload\//);
    expect(puts).toHaveLength(1);
    expect(puts[0]?.headers.authorization).toBeUndefined();
    expect(puts[0]?.headers['content-length']).toBe(String(statSync(TRAIN).size));
    expect(puts[0]?.headers['content-type']).toBe('application/octet-stream');
    expect(puts[0]?.path).toContain(file.id);
    expect(requests('POST', `/v1/files/${file.id}/preprocess`)).toHaveLength(1);
    expect(file.raw).toMatchObject({ processing_status: 'COMPLETED', validation_report: { valid: true } });
  });

  it('can finalize with GET /files/{id} like the TS SDK', async () => {
    const file = await createTogetherFineTuneBackend({ ...options(), finalizeUpload: 'get' }).upload(TRAIN);
    expect(requests('GET', `/v1/files/${file.id}`)).toHaveLength(1);
    expect(requests('POST', /preprocess$/)).toHaveLength(0);
  });

  it('retries each upload step on 429 and 5xx, sending the whole file again', async () => {
    server.fault({ type: 'rate-limit', retryAfterMs: 1, path: '/v1/files' });
    server.fault({ type: 'server-error', status: 503, retryAfterMs: 1, path: '/presigned-upload/' });
    const file = await backend().upload(TRAIN);
    expect(requests('POST', '/v1/files').map((r) => r.fault ?? 'ok')).toEqual(['rate-limit', 'ok']);
    expect(requests('PUT', /^\/presigned-upload\//).map((r) => r.fault ?? 'ok')).toEqual([
      'server-error',
      'ok',
    ]);
    expect(server.files.get(file.id)?.content?.equals(readFileSync(TRAIN))).toBe(true);
  });

  it('a PUT answered 500 after Together stored the bytes: the stored file is taken, not sent twice', async () => {
    server.fault({ type: 'server-error', method: 'PUT', path: '/presigned-upload/', afterHandling: true });
    const file = await backend().upload(TRAIN);
    expect(requests('PUT', /^\/presigned-upload\//).map((r) => r.fault ?? 'ok')).toEqual(['server-error']);
    // The retry first read the file the failed PUT filled.
    expect(requests('GET', `/v1/files/${file.id}`)).toHaveLength(1);
    expect(server.files.list().map((f) => f.id)).toEqual([file.id]);
    expect(server.files.get(file.id)?.content?.equals(readFileSync(TRAIN))).toBe(true);
    expect(file.bytes).toBe(statSync(TRAIN).size);
  });

  it('a POST /files whose answer was lost: its empty record cannot be taken, the file arrives once', async () => {
    server.fault({ type: 'server-error', method: 'POST', path: '/v1/files', afterHandling: true });
    const file = await backend().upload(TRAIN);
    expect(requests('POST', '/v1/files').map((r) => r.fault ?? 'ok')).toEqual(['server-error', 'ok']);
    // The failed POST's record has no bytes (its upload URL was lost with the answer); only the
    // retry's holds the file.
    const withBytes = server.files.list().filter((f) => f.content !== null);
    expect(withBytes.map((f) => f.id)).toEqual([file.id]);
    expect(server.files.list().filter((f) => f.content === null)).toHaveLength(1);
  });

  it('never uploads a file the check rejects', async () => {
    const error = await rejection(backend().upload(BAD));
    expect(InputError.isInstance(error)).toBe(true);
    expect(error.message).toContain('fails Together');
    expect((error as InputError).location).toBe(`${BAD}:2`);
    expect(server.requests).toHaveLength(0);
  });

  it('uses a checker given in the options', async () => {
    const seen: unknown[] = [];
    const plugin = createTogetherFineTuneBackend({
      ...options(),
      checker: async (path, checkOptions) => {
        seen.push([path, checkOptions.backend, checkOptions.strict]);
        return {
          ok: false,
          format: 'x',
          samples: 0,
          errors: [{ line: 0, code: 'nope', message: 'no' }],
          warnings: [],
          stats: {},
        };
      },
      check: { strict: true },
    });
    expect(InputError.isInstance(await rejection(plugin.upload(TRAIN)))).toBe(true);
    expect(seen).toEqual([[TRAIN, 'together', true]]);
    expect(server.requests).toHaveLength(0);
  });

  it('creates a LoRA job from local files: checks, uploads both, sends the exact body', async () => {
    const plugin = backend();
    const { id } = await plugin.create(
      job({
        validationFile: VALIDATION,
        suffix: 'gsm8k',
        hyperparameters: {
          nEpochs: 2,
          learningRate: 2e-5,
          batchSize: 8,
          warmupRatio: 0.1,
          nCheckpoints: 2,
          nEvals: 1,
          loraR: 16,
          loraDropout: 0.05,
          wandb_project_name: 'distill',
        },
      }),
    );
    expect(id).toMatch(/^ft-/);
    const [train, validation] = requests('POST', '/v1/files').map((r) => r.query.file_name);
    expect([train, validation]).toEqual(['train.jsonl', 'validation.jsonl']);
    const files = server.files.list().map((f) => f.id);
    expect(requests('POST', '/v1/fine-tunes')[0]?.body).toEqual({
      model: MODEL,
      training_file: files.find((f) => server.files.get(f)?.filename === 'train.jsonl'),
      validation_file: files.find((f) => server.files.get(f)?.filename === 'validation.jsonl'),
      n_epochs: 2,
      n_checkpoints: 2,
      n_evals: 1,
      batch_size: 8,
      learning_rate: 2e-5,
      warmup_ratio: 0.1,
      wandb_project_name: 'distill',
      suffix: 'gsm8k',
      training_type: { type: 'Lora', lora_r: 16, lora_alpha: 32, lora_dropout: 0.05 },
      training_method: { method: 'sft', train_on_inputs: 'auto' },
    });
    expect(requests('GET', '/v1/fine-tunes/models/limits')[0]?.query).toEqual({ model_name: MODEL });
  });

  it('creates a full fine-tune from a file id, and DPO from preference data', async () => {
    const plugin = backend();
    const uploaded = await plugin.upload(TRAIN);
    server.requests.length = 0;
    await plugin.create(
      job({ trainingFile: uploaded.id, method: 'full', hyperparameters: { batchSize: 'max' } }),
    );
    expect(requests('POST', '/v1/files')).toHaveLength(0);
    expect(requests('POST', '/v1/fine-tunes')[0]?.body).toEqual({
      model: MODEL,
      training_file: uploaded.id,
      batch_size: 'max',
      training_type: { type: 'Full' },
      training_method: { method: 'sft', train_on_inputs: 'auto' },
    });

    await plugin.create(
      job({ trainingFile: PREFERENCE, trainingMethod: 'dpo', hyperparameters: { dpoBeta: 0.2 } }),
    );
    expect(requests('POST', '/v1/fine-tunes')[1]?.body).toMatchObject({
      training_type: { type: 'Lora', lora_r: 64, lora_alpha: 128 },
      training_method: { method: 'dpo', dpo_beta: 0.2 },
    });
  });

  it('rejects hyperparameters outside the model limits before anything is uploaded', async () => {
    const error = await rejection(
      backend().create(
        job({
          validationFile: VALIDATION,
          hyperparameters: {
            nEpochs: 999,
            batchSize: 4096,
            loraR: 512,
            n_evals: 1,
            dpoBeta: 0.1,
            colour: 'red',
          },
        }),
      ),
    );
    expect(InputError.isInstance(error)).toBe(true);
    for (const param of ['n_epochs', 'batch_size', 'lora_r', 'dpoBeta', 'colour'])
      expect(error.message).toContain(param);
    expect(requests('POST', '/v1/files')).toHaveLength(0);
    expect(requests('POST', '/v1/fine-tunes')).toHaveLength(0);

    const full = await rejection(
      backend().create(job({ baseModel: 'Qwen/Qwen3-235B-A22B', method: 'full' })),
    );
    expect(full.message).toContain('does not support full fine-tuning');
    expect(server.requests.every((r) => r.method === 'GET')).toBe(true);
  });

  it('validates against given limits without I/O', async () => {
    const limits = await backend().limits(MODEL);
    expect(limits).toMatchObject({
      maxSeqLength: 32768,
      supportsFullTraining: true,
      supportsReasoning: true,
    });
    expect(
      validateHyperparameters(limits, job({ hyperparameters: { nEpochs: 3, learningRate: 1e-5 } })),
    ).toEqual([]);
    expect(validateHyperparameters(limits.raw, job({ hyperparameters: { nEvals: 2 } }))).toEqual([
      { param: 'n_evals', message: 'n_evals > 0 needs a validation file' },
    ]);
    expect(
      validateHyperparameters(limits, job({ method: 'full', hyperparameters: { loraR: 8 } }))[0]?.param,
    ).toBe('loraR');
    // A core ModelLimits whose raw object is read field by field: wrong types count as not sent.
    const read = { raw: { ...limits.raw, max_num_epochs: 2, max_learning_rate: 'high' } };
    expect(validateHyperparameters(read, job({ hyperparameters: { nEpochs: 3, learningRate: 5 } }))).toEqual([
      { param: 'n_epochs', message: expect.stringContaining('between') },
    ]);
    expect(
      validateHyperparameters({ raw: 'not an object' }, job({ hyperparameters: { nEpochs: 3 } })),
    ).toEqual([]);
  });

  it('follows a job from pending to completed with steps, and names the result model', async () => {
    server.fineTunes.configure({ stepsPerEpoch: 2 });
    const plugin = backend();
    const { id } = await plugin.create(job({ hyperparameters: { nEpochs: 2 } }));
    const seen: string[] = [];
    let state = await plugin.get(id);
    for (let i = 0; i < 50 && state.status !== 'completed'; i++) {
      seen.push(`${state.rawStatus}:${state.status}`);
      server.fineTunes.advance(1, id);
      state = await plugin.get(id);
    }
    expect([...new Set(seen)]).toEqual([
      'pending:pending',
      'queued:queued',
      'running:running',
      'compressing:running',
      'uploading:uploading',
    ]);
    const info = server.fineTunes.get(id);
    expect(state).toMatchObject({
      status: 'completed',
      rawStatus: 'completed',
      resultModel: info?.outputModel,
      step: 4,
      totalSteps: 4,
    });
    expect(state.resultModel).toMatch(/^mock-user\//);
  });

  it('reports events with loss and checkpoints', async () => {
    server.fineTunes.configure({ stepsPerEpoch: 2 });
    const plugin = backend();
    const { id } = await plugin.create(job({ hyperparameters: { nEpochs: 2, nCheckpoints: 2 } }));
    server.fineTunes.finish(id);
    const events = await plugin.events(id);
    const epoch = events.find((e) => e.type === 'epoch_complete');
    expect(epoch).toMatchObject({ level: 'info', step: 2, totalSteps: 4 });
    expect(epoch?.loss).toBeGreaterThan(0);
    expect(epoch?.message).toContain(String(epoch?.loss));
    expect(events.at(-1)?.type).toBe('job_complete');
    const checkpoints = await plugin.checkpoints(id);
    expect(checkpoints.map((c) => c.type).sort()).toEqual(['Final Adapter', 'Final Merged', 'Intermediate']);
  });

  it('reports a failed job with its error', async () => {
    server.fineTunes.failNext({ atTrainingStep: 2, message: 'CUDA out of memory' });
    const plugin = backend();
    const { id } = await plugin.create(job());
    server.fineTunes.finish(id);
    const state = await plugin.get(id);
    expect(state).toMatchObject({ status: 'failed', rawStatus: 'error' });
    expect(state.error).toContain('CUDA out of memory');
    expect((await plugin.events(id)).at(-1)?.level).toBe('error');
  });

  it('cancels: cancel_requested is still in progress, then cancelled', async () => {
    const plugin = backend();
    const { id } = await plugin.create(job());
    server.fineTunes.advance(3, id);
    const requested = await plugin.cancel(id);
    expect(requested).toMatchObject({ status: 'running', rawStatus: 'cancel_requested' });
    server.fineTunes.advance(1, id);
    expect(await plugin.get(id)).toMatchObject({ status: 'cancelled', rawStatus: 'cancelled' });
  });

  it('names the job in a 404 and never shows the key', async () => {
    const error = await rejection(backend().get('ft-does-not-exist'));
    expect(ProviderError.isInstance(error)).toBe(true);
    expect(error.message).toContain('fine-tune job ft-does-not-exist (404)');
    const bad = createTogetherFineTuneBackend({ ...options(), apiKey: 'invalid-key-12345' });
    const auth = await rejection(bad.limits(MODEL));
    expect(auth).toMatchObject({ kind: 'auth' });
    expect(auth.message).not.toContain('invalid-key-12345');
  });

  it('estimates the price of uploaded files', async () => {
    const plugin = backend();
    const file = await plugin.upload(TRAIN);
    const estimate = await plugin.estimatePrice(
      job({ trainingFile: file.id, hyperparameters: { nEpochs: 2 } }),
    );
    expect(estimate).toMatchObject({ available: true, allowedToProceed: true });
    expect(estimate.totalPriceUsd).toBeGreaterThan(0);
    expect(requests('POST', '/v1/fine-tunes/estimate-price')[0]?.body).toMatchObject({
      model: MODEL,
      training_file: file.id,
      n_epochs: 2,
      training_type: { type: 'Lora' },
      training_method: { method: 'sft', train_on_inputs: 'auto' },
    });
    expect(InputError.isInstance(await rejection(plugin.estimatePrice(job())))).toBe(true);
  });

  it('deploys the result to an endpoint and chats with it through the provider', async () => {
    const plugin = backend();
    const { id } = await plugin.create(job());
    server.fineTunes.finish(id);
    const { resultModel } = await plugin.get(id);
    if (!resultModel) throw new Error('no result model');
    const hardware = await plugin.listHardware(resultModel);
    expect(hardware.length).toBeGreaterThan(0);
    const deployment = await plugin.deploy({
      model: resultModel,
      hardware: hardware[0]!.id,
      minReplicas: 1,
      maxReplicas: 2,
    });
    expect(requests('POST', '/v1/endpoints')[0]?.body).toEqual({
      model: resultModel,
      hardware: hardware[0]!.id,
      autoscaling: { min_replicas: 1, max_replicas: 2 },
    });
    expect(deployment).toMatchObject({ state: 'PENDING', model: resultModel, hardware: hardware[0]!.id });
    server.endpoints.finish(deployment.id);
    expect(await plugin.getEndpoint(deployment.id)).toMatchObject({
      state: 'STARTED',
      name: deployment.name,
    });

    server.reply({ content: '4', reasoning: '2 plus 2' });
    const provider = createTogetherProvider(options());
    const answer = await provider.chat({
      model: deployment.name,
      messages: [{ role: 'user', content: '2+2?' }],
    });
    expect(answer).toMatchObject({ content: '4', reasoning: '2 plus 2' });
    expect(server.requests.at(-1)?.body).toMatchObject({ model: deployment.name });
  });

  describe('a create whose outcome is unknown is reconciled, never paid for twice', () => {
    it('a 500 after Together accepted the fine-tune: exactly one job exists and create returns it', async () => {
      const plugin = backend();
      const uploaded = await plugin.upload(TRAIN);
      server.fault({ type: 'server-error', method: 'POST', path: '/v1/fine-tunes', afterHandling: true });
      const { id } = await plugin.create(job({ trainingFile: uploaded.id }));
      expect(requests('POST', '/v1/fine-tunes').map((r) => r.fault ?? 'ok')).toEqual(['server-error']);
      expect(server.fineTunes.jobs.map((j) => j.id)).toEqual([id]);
    });

    it('a 500 before Together did anything: the lookup finds nothing and the create is sent again', async () => {
      const plugin = backend();
      const uploaded = await plugin.upload(TRAIN);
      server.fault({ type: 'server-error', method: 'POST', path: '/v1/fine-tunes' });
      const { id } = await plugin.create(job({ trainingFile: uploaded.id }));
      expect(requests('POST', '/v1/fine-tunes').map((r) => r.fault ?? 'ok')).toEqual(['server-error', 'ok']);
      expect(server.fineTunes.jobs.map((j) => j.id)).toEqual([id]);
    });

    it('a deliberate job on the same file, started minutes before, is not taken for the lost one', async () => {
      const plugin = backend();
      const uploaded = await plugin.upload(TRAIN);
      const earlier = await plugin.create(job({ trainingFile: uploaded.id }));
      server.fineTunes.backdate(earlier.id, 5 * 60_000);
      server.fault({ type: 'server-error', method: 'POST', path: '/v1/fine-tunes' });
      const { id } = await plugin.create(job({ trainingFile: uploaded.id }));
      expect(id).not.toBe(earlier.id);
      expect(server.fineTunes.jobs.map((j) => j.id)).toEqual([earlier.id, id]);
    });

    it('a job the project already tracks is never taken, even one made since the attempt', async () => {
      const plugin = backend();
      const uploaded = await plugin.upload(TRAIN);
      server.fault({ type: 'server-error', method: 'POST', path: '/v1/fine-tunes', afterHandling: true });
      const asked: string[] = [];
      const { id } = await plugin.create(job({ trainingFile: uploaded.id }), {
        isKnownJob: (jobId) => {
          asked.push(jobId);
          return true;
        },
      });
      const made = server.fineTunes.jobs.map((j) => j.id);
      expect(made).toHaveLength(2);
      expect(asked).toEqual([made[0]]);
      expect(id).toBe(made[1]);
    });

    it('a 500 after the endpoint was started: one endpoint bills, and deploy returns it', async () => {
      const plugin = backend();
      const { id } = await plugin.create(job());
      server.fineTunes.finish(id);
      const { resultModel } = await plugin.get(id);
      if (!resultModel) throw new Error('no result model');
      const [hardware] = await plugin.listHardware(resultModel);
      if (!hardware) throw new Error('no hardware');
      server.fault({ type: 'server-error', method: 'POST', path: '/v1/endpoints', afterHandling: true });
      const deployment = await plugin.deploy({ model: resultModel, hardware: hardware.id });
      expect(requests('POST', '/v1/endpoints').map((r) => r.fault ?? 'ok')).toEqual(['server-error']);
      const endpoints = await plugin.listEndpoints();
      expect(endpoints.map((e) => e.id)).toEqual([deployment.id]);
      expect(deployment).toMatchObject({ model: resultModel });
    });
  });
});
