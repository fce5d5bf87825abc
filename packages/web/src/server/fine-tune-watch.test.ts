import { type MockFault, type MockServer, startMockServer } from '@distillery/testkit';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createRawClient } from '../__fixtures__/raw-request';
import { createWebTestProject, type WebTestProject } from '../__fixtures__/web-test-project';
import type {
  DatasetSummaryView,
  FineTunePlanView,
  FineTuneStreamMessage,
  FineTuneView,
} from '../shared/api-types';
import { TOKEN_HEADER } from './create-request-guard';
import { startWebServer, type WebServer } from './start-web-server';

const KEY = 'sk-web-watch-secret-0123456789';
let mock: MockServer;
let project: WebTestProject;
let web: WebServer;
let dataset: DatasetSummaryView;
const { request, bodies } = createRawClient(() => web.url);
const json = <T>(text: string) => JSON.parse(text) as T;
const withToken = () => ({ [TOKEN_HEADER]: web.token });

beforeAll(async () => {
  // Every GET of a job moves it one step, so a watch ends after a known number of answered polls.
  mock = await startMockServer({ simulation: { advanceOnPoll: true } });
  project = await createWebTestProject({
    gsm8kLines: 40,
    env: { TOGETHER_API_KEY: KEY, TOGETHER_BASE_URL: mock.togetherBaseURL },
  });
  web = await startWebServer({ session: project.session, port: 0, fineTunePollMs: 1 });
  const created = await request('POST', '/api/datasets', {
    headers: withToken(),
    body: { taskId: 'gsm8k', name: 'watched', filter: {}, split: { train: 0.8, val: 0.2 }, seed: 1 },
  });
  expect(created.status).toBe(200);
  dataset = json<DatasetSummaryView>(created.text);
});
afterAll(async () => {
  await web?.close();
  await mock?.close();
  project?.cleanup();
  for (const body of bodies) expect(body).not.toContain(KEY);
});
beforeEach(() => mock.reset());

async function startFineTune(): Promise<FineTuneView> {
  const planned = await request('POST', '/api/fine-tunes/plans', {
    headers: withToken(),
    body: { dataset: dataset.id, backend: 'together', baseModel: 'Qwen/Qwen3-8B', strategy: 'reasoning' },
  });
  expect(planned.status, planned.text).toBe(200);
  const started = await request('POST', '/api/fine-tunes', {
    headers: withToken(),
    body: { planId: json<FineTunePlanView>(planned.text).planId },
  });
  expect(started.status, started.text).toBe(200);
  return json<FineTuneView>(started.text);
}

/** The whole event stream of a watch: the server ends it when the fine-tune ends (or the watch fails). */
async function watch(id: string): Promise<FineTuneStreamMessage[]> {
  const res = await request('GET', `/api/fine-tunes/${id}/watch`);
  expect(res.status).toBe(200);
  return res.text
    .split('\n')
    .filter((line) => line.startsWith('data: '))
    .map((line) => json<FineTuneStreamMessage>(line.slice('data: '.length)));
}

/**
 * A poll reads the job twice at once (state and events), each call with 1 attempt + 3 retries, and a
 * call succeeds only once no fault is left, so 15 faults in a row fail at least one whole poll.
 */
const FAULTS: MockFault[] = [
  { type: 'server-error', status: 502, retryAfterMs: 0, path: '/v1/fine-tunes/', times: 5 },
  { type: 'rate-limit', retryAfterMs: 0, path: '/v1/fine-tunes/', times: 5 },
  { type: 'drop-connection', path: '/v1/fine-tunes/', times: 5 },
];

describe('the web front end’s fine-tune watch', () => {
  it('keeps watching through 5xx, 429 and dropped connections and ends with the completed job', async () => {
    const fineTune = await startFineTune();
    for (const fault of FAULTS) mock.fault(fault);
    const messages = await watch(fineTune.id);

    expect(messages.filter((m) => m.type === 'error')).toEqual([]);
    const retries = messages.filter((m) => m.type === 'retrying');
    expect(retries.length).toBeGreaterThan(0);
    const last = messages.at(-1);
    expect(last?.type).toBe('fine-tune');
    if (last?.type !== 'fine-tune') return;
    expect(last.fineTune).toMatchObject({ id: fineTune.id, status: 'completed', terminal: true });
    expect(last.fineTune.progress.step).toBe(last.fineTune.progress.totalSteps);
    expect(last.fineTune.resultModel).toBe(mock.fineTunes.get(fineTune.jobId!)?.outputModel);
    // Every injected failure was met by a poll (none left over, none skipped).
    expect(mock.requests.filter((r) => r.fault).map((r) => r.fault)).toEqual(
      FAULTS.flatMap((f) => Array<string>(f.times ?? 1).fill(f.type)),
    );
  });

  it('keeps watching through failures and ends with the job’s own failure', async () => {
    mock.fineTunes.failNext({ atTrainingStep: 2, message: 'CUDA out of memory on rank 0' });
    const fineTune = await startFineTune();
    for (const fault of FAULTS) mock.fault(fault);
    const messages = await watch(fineTune.id);

    expect(messages.filter((m) => m.type === 'error')).toEqual([]);
    const last = messages.at(-1);
    expect(last?.type).toBe('fine-tune');
    if (last?.type !== 'fine-tune') return;
    expect(last.fineTune).toMatchObject({ status: 'failed', terminal: true });
    expect(last.fineTune.error).toMatch(/CUDA out of memory on rank 0/);
  });
});
