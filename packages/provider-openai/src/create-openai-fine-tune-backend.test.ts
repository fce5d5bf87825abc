import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { checkPlugin, type FineTuneJobRequest, InputError, ProviderError } from '@distillery/core';
import { type MockServer, startMockServer } from '@distillery/testkit';
import { failOnSpecViolations } from '@distillery/testkit/vitest';
import OpenAI from 'openai';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createOpenAIFineTuneBackend, createOpenAIProvider } from './index';

failOnSpecViolations();

const KEY = 'sk-test-SECRET-4242';
const fixture = (name: string) => fileURLToPath(new URL(`./__fixtures__/${name}`, import.meta.url));
const TRAIN = fixture('openai-train.jsonl');
const BAD = fixture('openai-bad.jsonl');
const MODEL = 'gpt-4o-mini-2024-07-18';

let server: MockServer;
beforeAll(async () => {
  server = await startMockServer({ flavor: 'openai' });
});
beforeEach(() => server.reset());
afterAll(() => server.close());

const options = () => ({
  env: { OPENAI_API_KEY: KEY, OPENAI_BASE_URL: server.openaiBaseURL },
  retry: { initialDelayMs: 1, maxDelayMs: 5 },
  check: { workers: 0 },
});
const backend = () => createOpenAIFineTuneBackend(options());
const job = (extra: Partial<FineTuneJobRequest> = {}): FineTuneJobRequest => ({
  baseModel: MODEL,
  trainingFile: TRAIN,
  method: 'full',
  trainingMethod: 'sft',
  hyperparameters: {},
  ...extra,
});
const requests = (method: string, path: string) =>
  server.requests.filter((r) => r.method === method && r.path === path);
/** The SDK on its own, to see what the backend did from the API's side. */
const sdk = () => new OpenAI({ apiKey: KEY, baseURL: server.openaiBaseURL, maxRetries: 0 });

async function rejection(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected a rejection');
}

describe('openai fine-tune backend', () => {
  it('is a v1 fine-tune backend with id openai', () => {
    const plugin = backend();
    expect(checkPlugin(plugin, 'test')).toBe(plugin);
    expect(plugin).toMatchObject({ kind: 'fine-tune-backend', id: 'openai', formats: ['openai'] });
    expect(plugin).not.toHaveProperty('deploy');
  });

  it('uploads a checked file as multipart with its exact bytes, retrying a 5xx', async () => {
    server.fault({ type: 'server-error', status: 502, retryAfterMs: 1, path: '/v1/files' });
    const file = await backend().upload(TRAIN);
    const bytes = readFileSync(TRAIN);
    expect(file).toMatchObject({ filename: 'openai-train.jsonl', bytes: bytes.length });
    expect(requests('POST', '/v1/files').map((r) => r.fault ?? 'ok')).toEqual(['server-error', 'ok']);
    const stored = await (await sdk().files.content(file.id)).text();
    expect(stored).toBe(bytes.toString('utf8'));
    expect((await sdk().files.retrieve(file.id)).purpose).toBe('fine-tune');
  });

  it('never uploads a file the check rejects', async () => {
    const error = await rejection(backend().create(job({ trainingFile: BAD })));
    expect(InputError.isInstance(error)).toBe(true);
    expect((error as InputError).location).toBe(`${BAD}:4`);
    expect(server.requests).toHaveLength(0);
  });

  it('rejects hyperparameters out of range before anything is uploaded', async () => {
    const error = await rejection(
      backend().create(
        job({ hyperparameters: { nEpochs: 60, batch_size: 0, learningRateMultiplier: -1, beta: 0.1 } }),
      ),
    );
    expect(InputError.isInstance(error)).toBe(true);
    for (const param of ['n_epochs', 'batch_size', 'learning_rate_multiplier', 'beta'])
      expect(error.message).toContain(param);
    expect(server.requests).toHaveLength(0);
  });

  it('creates supervised and DPO jobs with the exact method bodies', async () => {
    const plugin = backend();
    const { id } = await plugin.create(
      job({
        suffix: 'gsm8k',
        hyperparameters: {
          nEpochs: 2,
          batchSize: 'auto',
          learningRateMultiplier: 0.5,
          seed: 7,
          wandbProject: 'distill',
        },
      }),
    );
    expect(id).toMatch(/^ftjob-/);
    const upload = (await sdk().files.list()).data[0];
    expect(requests('POST', '/v1/fine_tuning/jobs')[0]?.body).toEqual({
      model: MODEL,
      training_file: upload?.id,
      suffix: 'gsm8k',
      seed: 7,
      method: {
        type: 'supervised',
        supervised: { hyperparameters: { n_epochs: 2, batch_size: 'auto', learning_rate_multiplier: 0.5 } },
      },
      integrations: [{ type: 'wandb', wandb: { project: 'distill' } }],
    });

    const pref = server.files.add({
      filename: 'pref.jsonl',
      content: '{}\n',
      purpose: 'fine-tune',
      provider: 'openai',
    });
    await plugin.create(
      job({ trainingFile: pref.id, trainingMethod: 'dpo', hyperparameters: { beta: 0.2 } }),
    );
    expect(requests('POST', '/v1/fine_tuning/jobs')[1]?.body).toEqual({
      model: MODEL,
      training_file: pref.id,
      method: { type: 'dpo', dpo: { hyperparameters: { beta: 0.2 } } },
    });
  });

  it('follows a job to succeeded with steps and the fine-tuned model, then chats with it', async () => {
    server.fineTunes.configure({ stepsPerEpoch: 2 });
    const plugin = backend();
    const { id } = await plugin.create(job({ hyperparameters: { nEpochs: 2 } }));
    const seen: string[] = [];
    let state = await plugin.get(id);
    for (let i = 0; i < 30 && state.status !== 'completed'; i++) {
      seen.push(`${state.rawStatus}:${state.status}`);
      server.fineTunes.advance(1, id);
      state = await plugin.get(id);
    }
    expect([...new Set(seen)]).toEqual(['validating_files:pending', 'queued:queued', 'running:running']);
    expect(state).toMatchObject({ status: 'completed', rawStatus: 'succeeded', step: 4, totalSteps: 4 });
    expect(state.resultModel).toMatch(/^ft:gpt-4o-mini-2024-07-18:/);

    const events = await plugin.events(id);
    const metrics = events.filter((e) => e.type === 'metrics');
    expect(metrics.map((e) => e.step)).toEqual([1, 2, 3, 4]);
    expect(metrics.every((e) => typeof e.loss === 'number' && e.totalSteps === 4)).toBe(true);
    expect(events.at(-1)?.message).toContain('successfully completed');

    const checkpoints = await plugin.checkpoints(id);
    expect(checkpoints.map((c) => c.step).sort()).toEqual([2, 4]);
    expect(checkpoints[0]?.metrics.train_loss).toBeGreaterThan(0);

    server.reply({ content: '4' });
    const provider = createOpenAIProvider(options());
    const answer = await provider.chat({
      model: state.resultModel!,
      messages: [{ role: 'user', content: '2+2?' }],
    });
    expect(answer.content).toBe('4');
    expect(server.requests.at(-1)?.body).toMatchObject({ model: state.resultModel });
  });

  it('reports a failed job with its error', async () => {
    server.fineTunes.failNext({ atTrainingStep: 2, message: 'The job ran out of GPU memory.' });
    const plugin = backend();
    const { id } = await plugin.create(job());
    server.fineTunes.finish(id);
    expect(await plugin.get(id)).toMatchObject({
      status: 'failed',
      rawStatus: 'failed',
      error: 'The job ran out of GPU memory.',
    });
    expect((await plugin.events(id)).at(-1)?.level).toBe('error');
  });

  it('cancels a job', async () => {
    const plugin = backend();
    const { id } = await plugin.create(job());
    server.fineTunes.advance(2, id);
    expect(await plugin.cancel(id)).toMatchObject({ status: 'cancelled', rawStatus: 'cancelled' });
    const error = await rejection(plugin.cancel(id));
    expect(ProviderError.isInstance(error) && error.kind).toBe('bad-request');
    expect(server.takeViolations().map((v) => v.operation)).toEqual([
      'POST /fine_tuning/jobs/{fine_tuning_job_id}/cancel',
    ]);
    expect(error.message).toContain(`fine-tuning job ${id}`);
    expect(error.message).not.toContain(KEY);
  });

  describe('a create whose outcome is unknown is reconciled, never paid for twice', () => {
    it('a 500 after OpenAI accepted the job: exactly one job exists and create returns it', async () => {
      const file = await backend().upload(TRAIN);
      server.fault({
        type: 'server-error',
        method: 'POST',
        path: '/v1/fine_tuning/jobs',
        afterHandling: true,
      });
      const { id } = await backend().create(job({ trainingFile: file.id }));
      expect(requests('POST', '/v1/fine_tuning/jobs').map((r) => r.fault ?? 'ok')).toEqual(['server-error']);
      const jobs = [];
      for await (const j of sdk().fineTuning.jobs.list()) jobs.push(j);
      expect(jobs.map((j) => j.id)).toEqual([id]);
      expect(jobs[0]?.training_file).toBe(file.id);
    });

    it('a 500 before OpenAI did anything: the lookup finds nothing and the create is sent again', async () => {
      const file = await backend().upload(TRAIN);
      server.fault({ type: 'server-error', method: 'POST', path: '/v1/fine_tuning/jobs' });
      const { id } = await backend().create(job({ trainingFile: file.id }));
      expect(requests('POST', '/v1/fine_tuning/jobs').map((r) => r.fault ?? 'ok')).toEqual([
        'server-error',
        'ok',
      ]);
      const jobs = [];
      for await (const j of sdk().fineTuning.jobs.list()) jobs.push(j);
      expect(jobs.map((j) => j.id)).toEqual([id]);
    });

    it('a deliberate job on the same file, started minutes before, is not taken for the lost one', async () => {
      const file = await backend().upload(TRAIN);
      const earlier = await sdk().fineTuning.jobs.create({ model: MODEL, training_file: file.id });
      server.fineTunes.backdate(earlier.id, 5 * 60_000);
      server.fault({ type: 'server-error', method: 'POST', path: '/v1/fine_tuning/jobs' });
      const { id } = await backend().create(job({ trainingFile: file.id }));
      expect(id).not.toBe(earlier.id);
      expect(requests('POST', '/v1/fine_tuning/jobs').map((r) => r.fault ?? 'ok')).toEqual([
        'ok',
        'server-error',
        'ok',
      ]);
      const jobs = [];
      for await (const j of sdk().fineTuning.jobs.list()) jobs.push(j.id);
      expect(jobs.sort()).toEqual([earlier.id, id].sort());
    });

    it('a job the project already tracks is never taken, even one made since the attempt', async () => {
      const file = await backend().upload(TRAIN);
      server.fault({
        type: 'server-error',
        method: 'POST',
        path: '/v1/fine_tuning/jobs',
        afterHandling: true,
      });
      const asked: string[] = [];
      // As if the store already held the job the failed attempt made (another train recorded it).
      const isKnownJob = (jobId: string) => {
        asked.push(jobId);
        return true;
      };
      const { id } = await backend().create(job({ trainingFile: file.id }), { isKnownJob });
      const made = server.fineTunes.jobs.map((j) => j.id);
      expect(made).toHaveLength(2);
      expect(asked).toEqual([made[0]]);
      expect(id).toBe(made[1]);
    });

    it('an upload answered 500 after OpenAI stored the file: one file, the stored one', async () => {
      server.fault({ type: 'server-error', method: 'POST', path: '/v1/files', afterHandling: true });
      const file = await backend().upload(TRAIN);
      expect(requests('POST', '/v1/files')).toHaveLength(1);
      const stored = [];
      for await (const f of sdk().files.list()) stored.push(f);
      expect(stored.map((f) => f.id)).toEqual([file.id]);
      expect(file.bytes).toBe(readFileSync(TRAIN).length);
    });
  });
});
