import { describe, expect, it } from 'vitest';
import { type SpecRequest, SpecValidator } from './spec-validator';

const validator = new SpecValidator();

function json(method: string, path: string, body: unknown, query: Record<string, string> = {}): SpecRequest {
  const rawBody = Buffer.from(JSON.stringify(body));
  return { method, path, query, contentType: 'application/json', rawBody, body };
}

const loraSft = {
  model: 'Qwen/Qwen3-8B',
  training_file: 'file-1',
  training_type: { type: 'Lora', lora_r: 8, lora_alpha: 16 },
  training_method: { method: 'sft', train_on_inputs: 'auto' },
};

describe('SpecValidator: Together', () => {
  it('takes a LoRA SFT job with train_on_inputs, lora_r and lora_alpha', () => {
    expect(validator.checkBody('together', json('POST', '/v1/fine-tunes', loraSft))).toBeNull();
    const full = {
      ...loraSft,
      training_type: { type: 'Full' },
      training_method: { method: 'sft', train_on_inputs: false },
    };
    expect(validator.checkBody('together', json('POST', '/v1/fine-tunes', full))).toBeNull();
  });

  it('names training_method.train_on_inputs when it is missing (spec: TrainingMethodSFT)', () => {
    const body = { ...loraSft, training_method: { method: 'sft' } };
    const found = validator.checkBody('together', json('POST', '/v1/fine-tunes', body));
    expect(found?.message).toBe('training_method.train_on_inputs: required');
    expect(found?.param).toBe('training_method.train_on_inputs');
  });

  it('requires lora_r and an integer lora_alpha for LoRA (spec: LoRATrainingType)', () => {
    const noRank = { ...loraSft, training_type: { type: 'Lora' } };
    expect(validator.checkBody('together', json('POST', '/v1/fine-tunes', noRank))?.problems).toEqual(
      expect.arrayContaining(['training_type.lora_r: required', 'training_type.lora_alpha: required']),
    );
    const halfAlpha = { ...loraSft, training_type: { type: 'Lora', lora_r: 8, lora_alpha: 16.5 } };
    expect(validator.checkBody('together', json('POST', '/v1/fine-tunes', halfAlpha))?.problems).toContain(
      'training_type.lora_alpha: must be integer',
    );
  });

  it('checks estimate-price against its own operation, not /fine-tunes/{id}', () => {
    expect(validator.operationName('together', 'POST', '/v1/fine-tunes/estimate-price')).toBe(
      'POST /fine-tunes/estimate-price',
    );
    const body = { training_file: 'file-1', training_method: { method: 'sft' } };
    expect(
      validator.checkBody('together', json('POST', '/v1/fine-tunes/estimate-price', body))?.message,
    ).toBe('training_method.train_on_inputs: required');
  });

  it('checks a query string (model_name of the limits route)', () => {
    const request = json('GET', '/v1/fine-tunes/models/limits', {});
    expect(validator.checkQuery('together', { ...request, query: {} })?.message).toBe('model_name: required');
    expect(
      validator.checkQuery('together', { ...request, query: { model_name: 'Qwen/Qwen3-8B' } }),
    ).toBeNull();
  });
});

describe('SpecValidator: OpenAI', () => {
  const chat = { model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'hi' }] };

  it('takes a plain chat body and refuses an unknown top-level field as OpenAI words it', () => {
    expect(validator.checkBody('openai', json('POST', '/v1/chat/completions', chat))).toBeNull();
    const found = validator.checkBody('openai', json('POST', '/v1/chat/completions', { ...chat, foo: 1 }));
    expect(found?.message).toBe('Unrecognized request argument supplied: foo');
  });

  it('refuses a bad reasoning_effort value', () => {
    const body = { ...chat, reasoning_effort: 'extreme' };
    expect(validator.checkBody('openai', json('POST', '/v1/chat/completions', body))?.param).toBe(
      'reasoning_effort',
    );
  });

  it('checks fine-tuning jobs: suffix length, seed range, metadata values, top-level fields', () => {
    const job = { model: 'gpt-4o-mini-2024-07-18', training_file: 'file-1' };
    const check = (body: object) =>
      validator.checkBody('openai', json('POST', '/v1/fine_tuning/jobs', { ...job, ...body }));
    expect(check({})).toBeNull();
    expect(check({ suffix: '' })?.param).toBe('suffix');
    expect(check({ seed: -5 })?.param).toBe('seed');
    expect(check({ metadata: { a: 1 } })?.param).toBe('metadata.a');
    expect(check({ n_epochs: 3 })?.message).toBe('Unrecognized request argument supplied: n_epochs');
  });

  it('checks a multipart file upload', () => {
    const boundary = 'XyZ';
    const raw = Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.jsonl"\r\n\r\n{}\r\n` +
        `--${boundary}\r\nContent-Disposition: form-data; name="purpose"\r\n\r\nfine-tuning\r\n--${boundary}--\r\n`,
    );
    const request: SpecRequest = {
      method: 'POST',
      path: '/v1/files',
      query: {},
      contentType: `multipart/form-data; boundary=${boundary}`,
      rawBody: raw,
      body: raw.toString(),
    };
    expect(validator.checkBody('openai', request)?.param).toBe('purpose');
  });
});

describe('SpecValidator: Anthropic', () => {
  const body = { model: 'claude-sonnet-4-5', max_tokens: 100, messages: [{ role: 'user', content: 'hi' }] };

  it('takes a plain body and refuses unknown fields and thinking types', () => {
    const check = (extra: object) =>
      validator.checkBody('anthropic', json('POST', '/v1/messages', { ...body, ...extra }));
    expect(check({})).toBeNull();
    expect(check({ foo: 1 })?.message).toBe('foo: Extra inputs are not permitted');
    expect(check({ thinking: { type: 'sometimes' } })?.param).toBe('thinking.type');
    expect(check({ thinking: { type: 'enabled' } })?.message).toBe('thinking.budget_tokens: Field required');
  });
});

describe('SpecValidator: streamed chat chunks', () => {
  const chunk = (delta: Record<string, unknown>, finish: string | null = null) => ({
    id: 'chatcmpl-1',
    object: 'chat.completion.chunk',
    created: 1_700_000_000,
    model: 'm',
    choices: [{ index: 0, delta, finish_reason: finish }],
  });
  const check = (vendor: 'openai' | 'together', data: unknown) =>
    validator.checkStreamEvent(vendor, 'POST', '/v1/chat/completions', 200, data);

  it('checks OpenAI chunks against CreateChatCompletionStreamResponse', () => {
    expect(check('openai', chunk({ content: 'hi' }))).toBeNull();
    expect(check('openai', chunk({}, 'eos'))?.message).toMatch(/finish_reason/);
    expect(check('openai', { ...chunk({}), object: 'chat.completion' })?.message).toMatch(/object/);
    // The `[DONE]` sentinel is not described by OpenAI's schema.
    expect(check('openai', '[DONE]')).toBeNull();
  });

  it('checks Together events against ChatCompletionStream (a chunk or [DONE] under `data`)', () => {
    expect(check('together', chunk({ role: 'assistant', content: 'hi' }))).toBeNull();
    expect(check('together', chunk({ role: 'assistant' }, 'eos'))).toBeNull();
    expect(check('together', '[DONE]')).toBeNull();
    expect(check('together', chunk({ content: 'hi' }))?.problems).toContain(
      'data.choices.0.delta.role: required',
    );
    const partialCall = chunk({
      role: 'assistant',
      tool_calls: [{ index: 0, function: { arguments: '{' } }],
    });
    expect(check('together', partialCall)?.problems.join('\n')).toMatch(/tool_calls\.0\.id: required/);
  });
});
