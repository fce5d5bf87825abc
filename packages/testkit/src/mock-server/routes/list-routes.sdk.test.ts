import OpenAI, { toFile } from 'openai';
import Together from 'together-ai';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { failOnSpecViolations } from '../spec/fail-on-spec-violations';
import { type MockServer, startMockServer } from '../start-mock-server';

// Every list the mock answers is checked against the vendor's schema (`ListFilesResponse`,
// `ListFineTuningJobCheckpointsResponse`, Together's `ModelInfoList`, …), empty pages included.
failOnSpecViolations();

let server: MockServer;
let openai: OpenAI;
let together: Together;

const TRAIN = `${JSON.stringify({
  messages: [
    { role: 'user', content: '2+2?' },
    { role: 'assistant', content: '4' },
  ],
})}\n`;

beforeAll(async () => {
  server = await startMockServer();
  openai = new OpenAI({ apiKey: 'sk-test', baseURL: server.openaiBaseURL, maxRetries: 0 });
  together = new Together({ apiKey: 'tg-test', baseURL: server.togetherBaseURL, maxRetries: 0 });
});
beforeEach(() => server.reset());
afterAll(() => server.close());

async function collect<T>(page: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of page) out.push(item);
  return out;
}

describe('list routes against the vendors’ specs', () => {
  it('OpenAI: empty and full pages of files, jobs, events and checkpoints', async () => {
    const emptyFiles = await openai.files.list();
    expect(emptyFiles.data).toEqual([]);
    expect(await collect(openai.fineTuning.jobs.list())).toEqual([]);

    const file = await openai.files.create({
      file: await toFile(Buffer.from(TRAIN), 'train.jsonl'),
      purpose: 'fine-tune',
    });
    const job = await openai.fineTuning.jobs.create({ model: 'gpt-4.1-mini', training_file: file.id });
    // Before any checkpoint the page is empty: OpenAI's spec allows null ids there, and no other value.
    const noCheckpoints = await openai.fineTuning.jobs.checkpoints.list(job.id);
    expect(noCheckpoints.data).toEqual([]);

    server.fineTunes.finish(job.id);
    const files = await openai.files.list({ purpose: 'fine-tune' });
    expect(files.data.map((f) => f.id)).toContain(file.id);
    expect((await collect(openai.fineTuning.jobs.list())).map((j) => j.id)).toEqual([job.id]);
    expect((await collect(openai.fineTuning.jobs.listEvents(job.id))).length).toBeGreaterThan(0);
    const checkpoints = await openai.fineTuning.jobs.checkpoints.list(job.id);
    expect(checkpoints.data.length).toBeGreaterThan(0);
    expect((await collect(openai.models.list())).map((m) => m.id)).toContain('gpt-4o-mini');
  });

  it('Together: models as a bare array, files, fine-tunes, events and checkpoints', async () => {
    const models = await together.models.list();
    expect(Array.isArray(models)).toBe(true);
    expect(models.map((m) => m.id)).toContain('Qwen/Qwen3-8B');
    expect((await together.files.list()).data).toEqual([]);
    expect((await together.fineTuning.list()).data).toEqual([]);

    const file = server.files.add({ filename: 'train.jsonl', content: TRAIN, provider: 'together' });
    const job = await together.fineTuning.create({
      model: 'Qwen/Qwen3-8B',
      training_file: file.id,
      training_method: { method: 'sft', train_on_inputs: 'auto' },
    });
    server.fineTunes.finish(job.id);
    expect((await together.files.list()).data.map((f) => f.id)).toEqual([file.id]);
    expect((await together.fineTuning.list()).data.map((j) => j.id)).toEqual([job.id]);
    expect((await together.fineTuning.listEvents(job.id)).data.length).toBeGreaterThan(0);
    expect((await together.fineTuning.listCheckpoints(job.id)).data.length).toBeGreaterThan(0);
  });
});
