import { readFileSync } from 'node:fs';
import { type MockServer, startMockServer } from '@distillery/testkit';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createRawClient } from '../__fixtures__/raw-request';
import { createWebTestProject, type WebTestProject } from '../__fixtures__/web-test-project';
import type {
  DatasetCheckView,
  DatasetSummaryView,
  FineTunePlanView,
  FineTuneView,
  GenerationRunView,
  Sample,
  SampleListResponse,
} from '../shared/api-types';
import { TOKEN_HEADER } from './create-request-guard';
import { startWebServer, type WebServer } from './start-web-server';

const KEY = 'sk-web-mutating-secret-0123456789';
let mock: MockServer;
let project: WebTestProject;
let web: WebServer;
const { request, bodies } = createRawClient(() => web.url);
const json = <T>(text: string) => JSON.parse(text) as T;
const withToken = () => ({ [TOKEN_HEADER]: web.token });

beforeAll(async () => {
  mock = await startMockServer();
  project = await createWebTestProject({
    gsm8kLines: 40,
    env: {
      OPENAI_API_KEY: KEY,
      OPENAI_BASE_URL: mock.openaiBaseURL,
      TOGETHER_API_KEY: KEY,
      TOGETHER_BASE_URL: mock.togetherBaseURL,
    },
  });
  web = await startWebServer({ session: project.session, port: 0 });
});
afterAll(async () => {
  await web?.close();
  await mock?.close();
  project?.cleanup();
  for (const body of bodies) expect(body).not.toContain(KEY);
});
beforeEach(() => mock.reset());

/** A dataset of this test's own, so no test depends on another. */
async function createDataset(name: string): Promise<DatasetSummaryView> {
  const res = await request('POST', '/api/datasets', {
    headers: withToken(),
    body: { taskId: 'gsm8k', name, filter: { hasReasoning: true }, split: { train: 0.8, val: 0.2 }, seed: 1 },
  });
  expect(res.status).toBe(200);
  return json<DatasetSummaryView>(res.text);
}

describe('the mutating routes need the launch token and do what they say', () => {
  it('DELETE /api/samples/:id', async () => {
    const id = json<SampleListResponse>((await request('GET', '/api/samples?limit=1')).text).samples[0]!.id;
    const refused = await request('DELETE', `/api/samples/${id}`);
    expect(refused.status).toBe(403);
    expect((await request('GET', `/api/samples/${id}`)).status).toBe(200);

    const deleted = await request('DELETE', `/api/samples/${id}`, { headers: withToken() });
    expect(deleted.status).toBe(200);
    expect((await request('GET', `/api/samples/${id}`)).status).toBe(404);
  });

  it('POST /api/datasets/:id/check exports and checks the split, and the export can be downloaded', async () => {
    const dataset = await createDataset('check-me');
    const body = { split: 'train', strategy: 'reasoning', format: 'together' };
    const refused = await request('POST', `/api/datasets/${dataset.id}/check`, { body });
    expect(refused.status).toBe(403);

    const res = await request('POST', `/api/datasets/${dataset.id}/check`, { headers: withToken(), body });
    expect(res.status).toBe(200);
    const checked = json<DatasetCheckView>(res.text);
    expect(checked.export).toMatchObject({ split: 'train', examples: dataset.splitSizes.train });
    expect(checked.report).toMatchObject({ ok: true, samples: dataset.splitSizes.train });
    const lines = readFileSync(checked.export.file, 'utf8').trim().split('\n');
    expect(lines).toHaveLength(dataset.splitSizes.train!);

    const name = checked.export.file.split('/').at(-1)!;
    const download = await request('GET', `/api/exports/${encodeURIComponent(name)}`);
    expect(download.status).toBe(200);
    expect(download.headers['content-disposition']).toBe(`attachment; filename="${name}"`);
    expect(download.text).toBe(readFileSync(checked.export.file, 'utf8'));
    expect((await request('GET', '/api/exports/..%2Fdistill.db')).status).toBe(400);
    expect((await request('GET', '/api/exports/nothing-here.jsonl')).status).toBe(404);
  });

  it('POST /api/fine-tunes/:id/cancel', async () => {
    const dataset = await createDataset('cancel-me');
    const planned = await request('POST', '/api/fine-tunes/plans', {
      headers: withToken(),
      body: { dataset: dataset.id, backend: 'together', baseModel: 'Qwen/Qwen3-8B', strategy: 'reasoning' },
    });
    expect(planned.status).toBe(200);
    const started = await request('POST', '/api/fine-tunes', {
      headers: withToken(),
      body: { planId: json<FineTunePlanView>(planned.text).planId },
    });
    expect(started.status).toBe(200);
    const fineTune = json<FineTuneView>(started.text);
    expect(fineTune.terminal).toBe(false);

    const refused = await request('POST', `/api/fine-tunes/${fineTune.id}/cancel`);
    expect(refused.status).toBe(403);
    expect(mock.requests.filter((r) => r.path.endsWith('/cancel'))).toHaveLength(0);
    expect(json<FineTuneView>((await request('GET', `/api/fine-tunes/${fineTune.id}`)).text).status).toBe(
      fineTune.status,
    );

    const cancelled = await request('POST', `/api/fine-tunes/${fineTune.id}/cancel`, {
      headers: withToken(),
    });
    expect(cancelled.status).toBe(200);
    expect(mock.requests.filter((r) => r.method === 'POST' && r.path.endsWith('/cancel'))).toHaveLength(1);
    expect(mock.fineTunes.jobs.at(-1)?.status).toBe('cancel_requested');
    // The provider stops the job on its next step; a refresh then reads it as cancelled.
    mock.fineTunes.advance();
    const refreshed = await request('GET', `/api/fine-tunes/${fineTune.id}?refresh=true`);
    expect(json<FineTuneView>(refreshed.text)).toMatchObject({ status: 'cancelled', terminal: true });
  });

  it('POST /api/generations/runs/:id/stop', async () => {
    // Every answer waits until the test lets it go, so the run is surely running when stopped.
    let release!: () => void;
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    mock.onChat(async (req) => {
      await held;
      return { reasoning: 'thinking', content: String(req.lastUserText.length) };
    });
    try {
      const started = await request('POST', '/api/generations', {
        headers: withToken(),
        body: {
          taskId: 'gsm8k',
          runConfig: 'r1-teacher',
          source: { type: 'inputs', inputs: ['one?', 'two?', 'three?'] },
          concurrency: 1,
        },
      });
      expect(started.status).toBe(200);
      const run = json<GenerationRunView>(started.text);

      const refused = await request('POST', `/api/generations/runs/${run.runId}/stop`);
      expect(refused.status).toBe(403);
      const listed = json<{ runs: GenerationRunView[] }>((await request('GET', '/api/generations')).text);
      expect(listed.runs.find((r) => r.runId === run.runId)?.status).toBe('running');

      const stopped = await request('POST', `/api/generations/runs/${run.runId}/stop`, {
        headers: withToken(),
      });
      expect(stopped.status).toBe(200);
      expect(json<GenerationRunView>(stopped.text)).toMatchObject({
        status: 'finished',
        summary: { stopReason: 'interrupted', generated: 0 },
      });
      const tag = encodeURIComponent(`generation:${json<GenerationRunView>(stopped.text).summary!.jobId}`);
      expect(
        json<SampleListResponse>((await request('GET', `/api/samples?tag=${tag}`)).text).samples,
      ).toEqual([]);
    } finally {
      release();
    }
  });

  it('PATCH /api/samples/:id', async () => {
    const id = json<SampleListResponse>((await request('GET', '/api/samples?limit=1')).text).samples[0]!.id;
    expect((await request('PATCH', `/api/samples/${id}`, { body: { rating: 2 } })).status).toBe(403);
    expect(json<Sample>((await request('GET', `/api/samples/${id}`)).text).rating).toBe(null);
    const ok = await request('PATCH', `/api/samples/${id}`, { headers: withToken(), body: { rating: 2 } });
    expect(ok.status).toBe(200);
    expect(json<Sample>((await request('GET', `/api/samples/${id}`)).text).rating).toBe(2);
  });
});
