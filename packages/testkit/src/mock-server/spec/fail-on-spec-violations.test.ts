import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type MockServer, startMockServer } from '../start-mock-server';
import { assertNoSpecViolations, failOnSpecViolations } from './fail-on-spec-violations';

failOnSpecViolations();

let server: MockServer;
beforeAll(async () => {
  server = await startMockServer({ flavor: 'together' });
});
afterAll(() => server.close());

const post = (body: unknown) =>
  fetch(`${server.togetherBaseURL}/fine-tunes`, {
    method: 'POST',
    headers: { authorization: 'Bearer k', 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

describe('failOnSpecViolations', () => {
  it('fails the test that sent a request the real API would refuse, naming the field', async () => {
    const file = server.files.add({
      filename: 'train.jsonl',
      content: '{"messages":[{"role":"user","content":"q"},{"role":"assistant","content":"a"}]}\n',
    });
    const body = {
      model: 'Qwen/Qwen3-8B',
      training_file: file.id,
      training_type: { type: 'Lora', lora_r: 8, lora_alpha: 16 },
      training_method: { method: 'sft' },
    };
    const res = await post(body);
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { message: string } }).error.message).toBe(
      'training_method.train_on_inputs: required',
    );
    // What the afterEach hook runs: it throws, so the test fails.
    expect(assertNoSpecViolations).toThrow(
      /1 spec violation\(s\):\ntogether POST \/fine-tunes \(POST \/v1\/fine-tunes\) body: training_method\.train_on_inputs: required/,
    );
    // Checked once: the next check starts clean.
    expect(assertNoSpecViolations).not.toThrow();
  });

  it('passes a test whose requests the API takes', async () => {
    const res = await fetch(`${server.togetherBaseURL}/fine-tunes/models/limits?model_name=Qwen/Qwen3-8B`, {
      headers: { authorization: 'Bearer k' },
    });
    expect(res.status).toBe(200);
    expect(assertNoSpecViolations).not.toThrow();
  });
});
