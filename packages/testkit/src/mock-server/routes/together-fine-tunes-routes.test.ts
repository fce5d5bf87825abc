import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { failOnSpecViolations } from '../spec/fail-on-spec-violations';
import { type MockServer, startMockServer } from '../start-mock-server';

failOnSpecViolations();

let server: MockServer;
beforeAll(async () => {
  server = await startMockServer({ flavor: 'together' });
});
beforeEach(() => server.reset());
afterAll(() => server.close());

// biome-ignore lint/suspicious/noExplicitAny: wire JSON under test
type Json = any;

const AUTH = { authorization: 'Bearer tk-test', 'content-type': 'application/json' };
const TRAIN = `${JSON.stringify({
  messages: [
    { role: 'user', content: '2+2?' },
    { role: 'assistant', content: '4', reasoning: '2+2 is 4' },
  ],
})}\n`;
const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

async function call(method: string, path: string, body?: unknown): Promise<{ status: number; json: Json }> {
  const res = await fetch(server.togetherBaseURL + path, {
    method,
    headers: AUTH,
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  return { status: res.status, json: text ? JSON.parse(text) : undefined };
}

function trainingFile(): string {
  return server.files.add({ filename: 'train.jsonl', content: TRAIN }).id;
}

async function create(extra: Record<string, unknown> = {}): Promise<Json> {
  const res = await call('POST', '/fine-tunes', {
    model: 'Qwen/Qwen3-8B',
    training_file: trainingFile(),
    ...extra,
  });
  expect(res.status).toBe(200);
  return res.json;
}

describe('POST /v1/fine-tunes', () => {
  it('returns the truncated job: ft- id, pending, ISO timestamps, LoRA and SFT defaults filled in', async () => {
    const job = await create({ suffix: 'gsm8k', n_epochs: 2 });
    expect(job.id).toMatch(/^ft-[0-9a-f-]{36}$/);
    expect(job).toMatchObject({
      status: 'pending',
      model: 'Qwen/Qwen3-8B',
      n_epochs: 2,
      n_checkpoints: 1,
      batch_size: 8,
      learning_rate: 1e-5,
      suffix: 'gsm8k',
      training_type: {
        type: 'Lora',
        lora_r: 64,
        lora_alpha: 128,
        lora_dropout: 0,
        lora_trainable_modules: 'all-linear',
      },
      training_method: { method: 'sft', train_on_inputs: 'auto' },
      lr_scheduler: { lr_scheduler_type: 'linear' },
    });
    expect(job.model_output_name).toMatch(/^mock-user\/Qwen3-8B-gsm8k-[0-9a-f]{8}$/);
    expect(job.created_at).toMatch(ISO);
    expect(job.updated_at).toMatch(ISO);
    expect(job.events).toBeUndefined();
  });

  it('accepts Full training and DPO, sizing batch "max" from the limits', async () => {
    const job = await create({
      training_type: { type: 'Full' },
      training_method: { method: 'dpo', dpo_beta: 0.2, rpo_alpha: 0.5 },
      batch_size: 'max',
    });
    expect(job.training_type).toEqual({ type: 'Full' });
    expect(job.training_method).toMatchObject({ method: 'dpo', dpo_beta: 0.2, rpo_alpha: 0.5 });
    expect(job.batch_size).toBe(8); // Qwen3-8B full training: max_batch_size_dpo
  });

  it.each([
    [{ model: undefined }, 'model'],
    [{ training_file: undefined }, 'training_file'],
    [{ training_file: 'file-nope' }, 'training_file'],
    [{ validation_file: 'file-nope' }, 'validation_file'],
    [{ model: 'acme/not-a-model' }, 'model'],
    [{ n_epochs: 0 }, 'n_epochs'],
    [{ n_epochs: 21 }, 'n_epochs'],
    [{ n_checkpoints: 50 }, 'n_checkpoints'],
    [{ n_evals: 3 }, 'n_evals'],
    [{ batch_size: 128 }, 'batch_size'],
    [{ batch_size: 2 }, 'batch_size'],
    [{ learning_rate: 0.5 }, 'learning_rate'],
    [{ warmup_ratio: 1.5 }, 'warmup_ratio'],
    [{ max_seq_length: 100_000 }, 'max_seq_length'],
    [{ suffix: 'x'.repeat(65) }, 'suffix'],
    [{ training_type: { type: 'QLora' } }, 'training_type.type'],
    [{ training_type: { type: 'Lora', lora_r: 128, lora_alpha: 256 } }, 'training_type.lora_r'],
    [
      { training_type: { type: 'Lora', lora_r: 8, lora_alpha: 16, lora_dropout: 1 } },
      'training_type.lora_dropout',
    ],
    [{ training_method: { method: 'ppo' } }, 'training_method.method'],
    [{ training_method: { method: 'sft', train_on_inputs: 'yes' } }, 'training_method.train_on_inputs'],
    [{ training_method: { method: 'dpo', dpo_beta: -1 } }, 'training_method.dpo_beta'],
    [{ lr_scheduler: { lr_scheduler_type: 'step' } }, 'lr_scheduler.lr_scheduler_type'],
  ])('rejects %j with 400 naming %s', async (override, param) => {
    const body = { model: 'Qwen/Qwen3-8B', training_file: trainingFile(), ...override };
    const res = await call('POST', '/fine-tunes', body);
    expect(res.status).toBe(400);
    expect(res.json.error).toMatchObject({ type: 'invalid_request_error', param });
    expect(res.json.error.message).toEqual(expect.any(String));
    // The refusal is recorded, with the message the 400 carried.
    expect(server.takeViolations().map((v) => v.message)).toEqual([res.json.error.message]);
  });

  it('rejects Full training for a model without it, and a training file that failed validation', async () => {
    const full = await call('POST', '/fine-tunes', {
      model: 'Qwen/Qwen3-235B-A22B',
      training_file: trainingFile(),
      training_type: { type: 'Full' },
    });
    expect(full.json.error.param).toBe('training_type');
    const bad = server.files.add({ filename: 'bad.jsonl', content: '{"foo": 1}\n' });
    const invalid = await call('POST', '/fine-tunes', { model: 'Qwen/Qwen3-8B', training_file: bad.id });
    expect(invalid.status).toBe(400);
    expect(server.takeViolations()).toHaveLength(2);
    expect(invalid.json.error.message).toContain('Could not detect a format');
  });
});

describe('job progress', () => {
  it('advances pending → queued → running (steps, loss) → compressing → uploading → completed', async () => {
    const { id } = await create({ n_epochs: 2, n_checkpoints: 2 });
    const seen: string[] = [];
    const get = async (): Promise<Json> => (await call('GET', `/fine-tunes/${id}`)).json;
    seen.push((await get()).status);
    for (let i = 0; i < 20 && seen.at(-1) !== 'completed'; i++) {
      server.fineTunes.advance();
      const job = await get();
      if (job.status !== seen.at(-1)) seen.push(job.status);
    }
    expect(seen).toEqual(['pending', 'queued', 'running', 'compressing', 'uploading', 'completed']);

    const job = await get();
    expect(job.model_output_name).toMatch(/^mock-user\/Qwen3-8B-[0-9a-f]{8}$/);
    expect(job.epochs_completed).toBe(2);
    expect(job.started_at).toMatch(ISO);
    const types = job.events.map((e: Json) => e.type);
    expect(types[0]).toBe('job_pending');
    expect(types).toEqual(
      expect.arrayContaining([
        'job_start',
        'model_download_complete',
        'training_data_download_complete',
        'training_start',
        'epoch_complete',
        'checkpoint_save',
        'training_complete',
        'model_compressing',
        'model_compression_complete',
        'model_uploading',
        'model_upload_complete',
      ]),
    );
    expect(types.at(-1)).toBe('job_complete');
    for (const e of job.events) {
      expect(e).toMatchObject({
        object: 'fine-tune-event',
        level: 'info',
        created_at: expect.stringMatching(ISO),
      });
    }
    const epochs = job.events.filter((e: Json) => e.type === 'epoch_complete');
    expect(epochs.map((e: Json) => [e.step, e.total_steps])).toEqual([
      [4, 8],
      [8, 8],
    ]);
    expect(epochs[0].message).toMatch(/train loss \d/);

    const events = await call('GET', `/fine-tunes/${id}/events`);
    expect(events.json).toEqual({ data: job.events });

    const checkpoints = (await call('GET', `/fine-tunes/${id}/checkpoints`)).json.data;
    expect(checkpoints.map((c: Json) => [c.checkpoint_type, c.step])).toEqual([
      ['Final Adapter', 8],
      ['Final Merged', 8],
      ['Intermediate', 4],
    ]);
    expect(checkpoints[2].created_at).toMatch(ISO);

    const metrics = (await call('GET', `/fine-tunes/${id}/metrics`)).json.metrics;
    expect(metrics.map((m: Json) => m.global_step)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(metrics.at(-1).train_loss).toBeLessThan(metrics[0].train_loss);

    // The output model is now a chat model.
    const chat = await call('POST', '/chat/completions', {
      model: job.model_output_name,
      messages: [{ role: 'user', content: 'hi' }],
    });
    expect(chat.status).toBe(200);
    expect(chat.json.model).toBe(job.model_output_name);
    expect((await call('GET', '/models')).json.map((m: Json) => m.id)).toContain(job.model_output_name);
  });

  it('server.fineTunes reports and finishes jobs; the list holds truncated jobs', async () => {
    const a = await create();
    const b = await create();
    server.fineTunes.finish(a.id);
    expect(server.fineTunes.get(a.id)).toMatchObject({
      provider: 'together',
      status: 'completed',
      step: 4,
      totalSteps: 4,
    });
    expect(server.fineTunes.get(b.id)?.status).toBe('pending');
    const list = (await call('GET', '/fine-tunes')).json;
    expect(list.data.map((j: Json) => [j.id, j.status])).toEqual([
      [a.id, 'completed'],
      [b.id, 'pending'],
    ]);
    expect(list.data[0].events).toBeUndefined();
  });

  it('with stepMs a job moves one step per stepMs of (here faked) time; reset() restores the start options', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      vi.setSystemTime(Date.parse('2026-01-01T00:00:00.000Z'));
      server.fineTunes.configure({ stepMs: 60_000 });
      const { id } = await create();
      vi.setSystemTime(Date.parse('2026-01-01T00:02:30.000Z'));
      const job = (await call('GET', `/fine-tunes/${id}`)).json;
      expect(job.status).toBe('running');
      expect(job.started_at).toBe('2026-01-01T00:02:00.000Z');
      expect(job.updated_at).toBe('2026-01-01T00:02:00.000Z');

      server.reset();
      const next = await create();
      vi.setSystemTime(Date.parse('2026-01-01T09:00:00.000Z'));
      expect((await call('GET', `/fine-tunes/${next.id}`)).json.status).toBe('pending');
    } finally {
      vi.useRealTimers();
    }
  });

  it('advanceOnPoll moves a job one step per GET', async () => {
    server.fineTunes.configure({ advanceOnPoll: true });
    const { id } = await create();
    expect((await call('GET', `/fine-tunes/${id}`)).json.status).toBe('queued');
    expect((await call('GET', `/fine-tunes/${id}`)).json.status).toBe('running');
    expect((await call('GET', `/fine-tunes/${id}/events`)).json.data.at(-1).type).toBe('training_start');
  });
});

describe('failure and cancellation', () => {
  it('failNext makes the next job end in error with a job_error event at that training step', async () => {
    server.fineTunes.failNext({ atTrainingStep: 2, message: 'CUDA out of memory' });
    const failing = await create();
    const healthy = await create();
    server.fineTunes.finish();
    const job = (await call('GET', `/fine-tunes/${failing.id}`)).json;
    expect(job.status).toBe('error');
    expect(job.events.at(-1)).toMatchObject({
      type: 'job_error',
      level: 'error',
      message: 'CUDA out of memory',
      step: 1,
    });
    expect(server.fineTunes.get(healthy.id)?.status).toBe('completed');
  });

  it('fail() ends a running job at once', async () => {
    const { id } = await create();
    server.fineTunes.advance(3, id);
    server.fineTunes.fail(id);
    const job = (await call('GET', `/fine-tunes/${id}`)).json;
    expect(job.status).toBe('error');
    expect(job.events.at(-1)).toMatchObject({ type: 'job_error', level: 'error' });
    expect(() => server.fineTunes.fail(id)).toThrow(/already finished/);
  });

  it('cancel → cancel_requested, then cancelled on the next step; a finished job cannot be cancelled', async () => {
    const { id } = await create();
    server.fineTunes.advance(3, id);
    const cancel = await call('POST', `/fine-tunes/${id}/cancel`);
    expect(cancel.status).toBe(200);
    expect(cancel.json).toMatchObject({ id, status: 'cancel_requested' });
    expect(cancel.json.events).toBeUndefined();
    server.fineTunes.advance();
    const job = (await call('GET', `/fine-tunes/${id}`)).json;
    expect(job.status).toBe('cancelled');
    expect(job.events.map((e: Json) => e.type).slice(-2)).toEqual(['cancel_requested', 'job_stopped']);
    expect((await call('POST', `/fine-tunes/${id}/cancel`)).status).toBe(400);
    expect(server.takeViolations()).toHaveLength(1);
  });

  it('DELETE removes a job; unknown ids are 404', async () => {
    const { id } = await create();
    const del = await call('DELETE', `/fine-tunes/${id}`);
    expect(del.json).toEqual({ message: expect.stringContaining(id) });
    expect((await call('GET', `/fine-tunes/${id}`)).status).toBe(404);
    expect((await call('GET', '/fine-tunes/ft-missing/events')).status).toBe(404);
    expect((await call('POST', '/fine-tunes/ft-missing/cancel')).status).toBe(404);
  });
});

describe('models, limits and price', () => {
  it('GET /v1/fine-tunes/models/limits returns the model limits; 400 without a name, 404 for an unknown one', async () => {
    const limits = await call('GET', '/fine-tunes/models/limits?model_name=Qwen/Qwen3-32B');
    expect(limits.json).toMatchObject({
      model_name: 'Qwen/Qwen3-32B',
      max_seq_length_sft: 24576,
      max_seq_length_dpo: 24576,
      supports_full_training: true,
      supports_reasoning: true,
      lora_training: { max_batch_size: 8, max_rank: 64 },
      full_training: { max_batch_size: 16 },
      max_num_epochs: 20,
    });
    expect((await call('GET', '/fine-tunes/models/limits')).status).toBe(400);
    expect(server.takeViolations()).toHaveLength(1);
    expect((await call('GET', '/fine-tunes/models/limits?model_name=acme/nope')).status).toBe(404);
  });

  it('lists supported models, and setModelLimits adds one that create then accepts', async () => {
    const supported = (await call('GET', '/fine-tunes/models/supported')).json.models;
    expect(supported).toContain('Qwen/Qwen3-8B');
    expect(supported).not.toContain('acme/custom-7B');
    server.fineTunes.setModelLimits('acme/custom-7B', { max_num_epochs: 2 });
    const res = await call('POST', '/fine-tunes', {
      model: 'acme/custom-7B',
      training_file: trainingFile(),
      n_epochs: 3,
    });
    expect(res.json.error.param).toBe('n_epochs');
    expect(server.takeViolations()).toHaveLength(1);
    expect(
      (await call('POST', '/fine-tunes', { model: 'acme/custom-7B', training_file: trainingFile() })).status,
    ).toBe(200);
  });

  it('POST /v1/fine-tunes/estimate-price scales with epochs and reports invalid files', async () => {
    const file = trainingFile();
    const one = (
      await call('POST', '/fine-tunes/estimate-price', { training_file: file, model: 'Qwen/Qwen3-8B' })
    ).json;
    const three = (
      await call('POST', '/fine-tunes/estimate-price', {
        training_file: file,
        model: 'Qwen/Qwen3-8B',
        n_epochs: 3,
      })
    ).json;
    expect(one).toMatchObject({
      estimation_available: true,
      allowed_to_proceed: true,
      estimated_eval_token_count: 0,
    });
    expect(three.estimated_train_token_count).toBe(one.estimated_train_token_count * 3);
    expect(three.estimated_total_price).toBeGreaterThan(one.estimated_total_price);
    const bad = server.files.add({ filename: 'bad.jsonl', content: 'nope\n' });
    expect((await call('POST', '/fine-tunes/estimate-price', { training_file: bad.id })).json).toEqual({
      estimation_available: false,
      unavailable_reason: 'train_file_invalid',
    });
    expect((await call('POST', '/fine-tunes/estimate-price', {})).status).toBe(400);
    expect(server.takeViolations()).toHaveLength(1);
  });
});
