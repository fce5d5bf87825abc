import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
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
    { role: 'user', content: 'q' },
    { role: 'assistant', content: 'a' },
  ],
})}\n`;

async function call(method: string, path: string, body?: unknown): Promise<{ status: number; json: Json }> {
  const res = await fetch(server.togetherBaseURL + path, {
    method,
    headers: AUTH,
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  return { status: res.status, json: text ? JSON.parse(text) : undefined };
}

/** A completed Together fine-tune of `model`; returns its output model name. */
async function fineTuned(model = 'Qwen/Qwen3-8B'): Promise<string> {
  const file = server.files.add({ filename: 't.jsonl', content: TRAIN });
  const job = (await call('POST', '/fine-tunes', { model, training_file: file.id })).json;
  server.fineTunes.finish(job.id);
  return job.model_output_name;
}

const chat = (model: string) =>
  call('POST', '/chat/completions', { model, messages: [{ role: 'user', content: 'hi' }] });

describe('GET /v1/hardware', () => {
  it('lists all hardware, or the configurations able to host a model (with availability)', async () => {
    const all = (await call('GET', '/hardware')).json;
    expect(all.object).toBe('list');
    expect(all.data[0]).toMatchObject({
      object: 'hardware',
      id: expect.stringMatching(/^\dx_nvidia_/),
      pricing: { cents_per_minute: expect.any(Number) },
      specs: { gpu_count: expect.any(Number), gpu_memory: expect.any(Number), gpu_type: expect.any(String) },
    });
    const big = (await call('GET', '/hardware?model=Qwen/Qwen3-235B-A22B')).json.data;
    const small = (await call('GET', '/hardware?model=Qwen/Qwen3-8B')).json.data;
    expect(big.length).toBeGreaterThan(0);
    expect(big.length).toBeLessThan(small.length);
    expect(small[0].availability).toEqual({ status: 'available' });
  });

  it('404s for models that cannot be hosted: unknown, -Reference, or a fine-tune not completed', async () => {
    expect((await call('GET', '/hardware?model=acme/unknown')).status).toBe(404);
    expect(
      (await call('GET', '/hardware?model=meta-llama/Meta-Llama-3.1-8B-Instruct-Reference')).status,
    ).toBe(404);
    expect((await call('GET', '/hardware?model=mock-user/Qwen3-8B-deadbeef')).status).toBe(404);
    const output = await fineTuned();
    expect((await call('GET', `/hardware?model=${encodeURIComponent(output)}`)).status).toBe(200);
  });
});

describe('/v1/endpoints', () => {
  it('deploys a fine-tune: PENDING → STARTING → STARTED, then chat accepts the endpoint name as model', async () => {
    const output = await fineTuned();
    const created = await call('POST', '/endpoints', {
      model: output,
      hardware: '1x_nvidia_h100_80gb_sxm',
      autoscaling: { min_replicas: 1, max_replicas: 2 },
      display_name: 'GSM8K student',
    });
    expect(created.status).toBe(200);
    const endpoint = created.json;
    expect(endpoint).toMatchObject({
      object: 'endpoint',
      id: expect.stringMatching(/^endpoint-/),
      name: expect.stringMatching(/^mock-user\/qwen3-8b-[0-9a-f]{8}-[0-9a-f]{8}$/),
      display_name: 'GSM8K student',
      model: output,
      hardware: '1x_nvidia_h100_80gb_sxm',
      type: 'dedicated',
      owner: 'mock-user',
      state: 'PENDING',
      autoscaling: { min_replicas: 1, max_replicas: 2 },
    });
    expect(endpoint.created_at).toMatch(/Z$/);

    const early = await chat(endpoint.name);
    expect(early.status).toBe(400);
    expect(early.json.error.message).toContain('PENDING');

    const states: string[] = [];
    for (let i = 0; i < 3; i++) {
      states.push((await call('GET', `/endpoints/${endpoint.id}`)).json.state);
      server.endpoints.advance();
    }
    expect(states).toEqual(['PENDING', 'STARTING', 'STARTED']);
    const answer = await chat(endpoint.name);
    expect(answer.status).toBe(200);
    expect(answer.json.model).toBe(endpoint.name);
    expect(server.endpoints.get(endpoint.id)?.state).toBe('STARTED');
  });

  it('PATCH stops and restarts, updates autoscaling; list and DELETE (204)', async () => {
    const created = (
      await call('POST', '/endpoints', {
        model: 'Qwen/Qwen3-8B',
        hardware: '1x_nvidia_a100_80gb_sxm',
        autoscaling: { min_replicas: 1, max_replicas: 1 },
      })
    ).json;
    server.endpoints.finish(created.id);
    const stopping = await call('PATCH', `/endpoints/${created.id}`, {
      state: 'STOPPED',
      autoscaling: { min_replicas: 0, max_replicas: 3 },
    });
    expect(stopping.json).toMatchObject({
      state: 'STOPPING',
      autoscaling: { min_replicas: 0, max_replicas: 3 },
    });
    server.endpoints.advance();
    expect((await call('GET', `/endpoints/${created.id}`)).json.state).toBe('STOPPED');
    expect((await chat(created.name)).status).toBe(400);
    expect((await call('PATCH', `/endpoints/${created.id}`, { state: 'STARTED' })).json.state).toBe(
      'PENDING',
    );

    const list = (await call('GET', '/endpoints')).json;
    expect(list).toEqual({
      object: 'list',
      data: [
        expect.objectContaining({ id: created.id, name: created.name, type: 'dedicated', state: 'PENDING' }),
      ],
    });
    const del = await fetch(`${server.togetherBaseURL}/endpoints/${created.id}`, {
      method: 'DELETE',
      headers: AUTH,
    });
    expect(del.status).toBe(204);
    expect((await call('GET', `/endpoints/${created.id}`)).status).toBe(404);
  });

  it.each([
    [{ model: undefined }, 'model'],
    [{ hardware: undefined }, 'hardware'],
    [{ autoscaling: undefined }, 'autoscaling'],
    [{ autoscaling: { min_replicas: 2, max_replicas: 1 } }, 'autoscaling.max_replicas'],
    [{ model: 'meta-llama/Meta-Llama-3.1-8B-Instruct-Reference' }, 'model'],
    [{ hardware: '1x_nvidia_tpu' }, 'hardware'],
    [{ model: 'Qwen/Qwen3-235B-A22B', hardware: '1x_nvidia_l40_48gb_pcie' }, 'hardware'],
    [{ state: 'RUNNING' }, 'state'],
  ])('POST rejects %j with 400 naming %s', async (override, param) => {
    const res = await call('POST', '/endpoints', {
      model: 'Qwen/Qwen3-8B',
      hardware: '1x_nvidia_h100_80gb_sxm',
      autoscaling: { min_replicas: 1, max_replicas: 1 },
      ...override,
    });
    expect(res.status).toBe(400);
    expect(res.json.error.param).toBe(param);
    expect(server.takeViolations().map((v) => v.message)).toEqual([res.json.error.message]);
  });

  it('server.endpoints.fail() puts an endpoint in ERROR', async () => {
    const created = (
      await call('POST', '/endpoints', {
        model: 'Qwen/Qwen3-8B',
        hardware: '1x_nvidia_h100_80gb_sxm',
        autoscaling: { min_replicas: 1, max_replicas: 1 },
      })
    ).json;
    server.endpoints.fail(created.id);
    expect((await call('GET', `/endpoints/${created.id}`)).json.state).toBe('ERROR');
  });
});
