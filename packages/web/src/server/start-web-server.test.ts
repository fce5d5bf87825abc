import { type MockServer, startMockServer } from '@distillery/testkit';
import { failOnSpecViolations } from '@distillery/testkit/vitest';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createRawClient } from '../__fixtures__/raw-request';
import { createWebTestProject, type WebTestProject } from '../__fixtures__/web-test-project';
import type { PlaygroundStreamMessage, ProjectSummary, SampleListResponse } from '../shared/api-types';
import { TOKEN_HEADER } from './create-request-guard';
import { startWebServer, type WebServer } from './start-web-server';

failOnSpecViolations();

const KEY = 'sk-web-test-secret-0123456789';
let mock: MockServer;
let project: WebTestProject;
let web: WebServer;
const { request, bodies } = createRawClient(() => web.url);

const json = <T>(text: string) => JSON.parse(text) as T;

beforeAll(async () => {
  mock = await startMockServer();
  project = await createWebTestProject({
    gsm8kLines: 30,
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

describe('startWebServer', () => {
  it('binds 127.0.0.1 and serves the page with the launch token and strict headers', async () => {
    expect(web.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    const page = await request('GET', '/samples');
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toContain('text/html');
    expect(page.text).toContain(`<meta name="distill-token" content="${web.token}"`);
    expect(page.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(page.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('describes the project: tasks with run configs, providers, flows and parsers, never a key', async () => {
    const res = await request('GET', '/api/project');
    expect(res.status).toBe(200);
    const summary = json<ProjectSummary>(res.text);
    expect(summary.tasks.map((t) => t.id)).toEqual(['gsm8k']);
    expect(summary.tasks[0]!.runConfigs.map((r) => r.name)).toEqual(['r1-teacher', 'cot-teacher']);
    expect(summary.providers.map((p) => p.id)).toEqual(expect.arrayContaining(['openai', 'together']));
    expect(summary.flows.map((f) => f.id)).toEqual(expect.arrayContaining(['single', 'cot', 'reasoning']));
    expect(summary.parsers.map((p) => p.id)).toContain('deepseek-r1');
    expect(res.text).not.toContain(KEY);
  });

  it('pages through the imported samples by cursor and filters them', async () => {
    const first = json<SampleListResponse>((await request('GET', '/api/samples?limit=20')).text);
    expect(first.samples).toHaveLength(20);
    expect(first.nextCursor).toBeTruthy();
    const second = json<SampleListResponse>(
      (await request('GET', `/api/samples?limit=20&cursor=${encodeURIComponent(first.nextCursor!)}`)).text,
    );
    expect(second.samples).toHaveLength(10);
    expect(second.nextCursor).toBeNull();
    const ids = new Set([...first.samples, ...second.samples].map((s) => s.id));
    expect(ids.size).toBe(30);
    expect(first.samples.every((s) => s.reasoningChars > 0 && s.source === 'import')).toBe(true);

    const natalia = json<SampleListResponse>((await request('GET', '/api/samples?text=Natalia')).text);
    expect(natalia.samples).toHaveLength(1);
    expect(natalia.samples[0]!.answer).toBe('72');
    const none = json<SampleListResponse>((await request('GET', '/api/samples?hasReasoning=false')).text);
    expect(none.samples).toHaveLength(0);
    const bad = await request('GET', '/api/samples?minRating=9');
    expect(bad.status).toBe(400);
    expect(json<{ error: { message: string } }>(bad.text).error.message).toContain('minRating');
  });

  it('tags and rates a sample with the token, and refuses without it', async () => {
    const id = json<SampleListResponse>((await request('GET', '/api/samples?limit=1')).text).samples[0]!.id;
    const host = new URL(web.url).host;
    const body = { tags: ['checked', 'gsm8k'], rating: 4 };
    const noToken = await request('PATCH', `/api/samples/${id}`, { body });
    expect(noToken.status).toBe(403);
    expect(noToken.text).toContain(TOKEN_HEADER);
    const wrongToken = await request('PATCH', `/api/samples/${id}`, {
      body,
      headers: { [TOKEN_HEADER]: 'nope' },
    });
    expect(wrongToken.status).toBe(403);
    const rebound = await request('PATCH', `/api/samples/${id}`, {
      body,
      headers: { [TOKEN_HEADER]: web.token, host: `evil.example:${new URL(web.url).port}` },
    });
    expect(rebound.status).toBe(421);
    const rebindRead = await request('GET', '/api/project', { headers: { host: 'evil.example' } });
    expect(rebindRead.status).toBe(421);
    const foreign = await request('PATCH', `/api/samples/${id}`, {
      body,
      headers: { [TOKEN_HEADER]: web.token, origin: 'http://evil.example' },
    });
    expect(foreign.status).toBe(403);
    const unchanged = json<{ tags: string[]; rating: number | null }>(
      (await request('GET', `/api/samples/${id}`)).text,
    );
    expect(unchanged.rating).toBeNull();

    const ok = await request('PATCH', `/api/samples/${id}`, {
      body,
      headers: { [TOKEN_HEADER]: web.token, origin: `http://${host}` },
    });
    expect(ok.status).toBe(200);
    const stored = json<{ tags: string[]; rating: number | null }>(
      (await request('GET', `/api/samples/${id}`)).text,
    );
    expect(stored).toMatchObject({ tags: ['checked', 'gsm8k'], rating: 4 });
    const rated = json<SampleListResponse>(
      (await request('GET', '/api/samples?minRating=4&tag=checked')).text,
    );
    expect(rated.samples.map((s) => s.id)).toEqual([id]);
    const badRating = await request('PATCH', `/api/samples/${id}`, {
      body: { rating: 7 },
      headers: { [TOKEN_HEADER]: web.token },
    });
    expect(badRating.status).toBe(400);
  });

  it('streams a playground run as server-sent events from runModel, reasoning apart from the answer', async () => {
    mock.reply({
      reasoning: 'Natalia sold 48 / 2 = 24 clips in May; 48 + 24 = 72.',
      content: '72',
      chunkSize: 3,
    });
    const res = await request('POST', '/api/playground/run', {
      headers: { [TOKEN_HEADER]: web.token, accept: 'text/event-stream' },
      body: {
        provider: 'together',
        model: 'deepseek-ai/DeepSeek-R1',
        flow: 'reasoning',
        system: 'Solve it.',
        input: 'How many clips did Natalia sell?',
        parameters: { thinking: true },
      },
    });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toContain('text/event-stream');
    const messages = res.text
      .split('\n\n')
      .filter((block) => block.startsWith('data: '))
      .map((block) => JSON.parse(block.slice(6)) as PlaygroundStreamMessage);
    const deltas = messages.filter((m) => m.type === 'event' && m.event.type === 'reasoning-delta');
    expect(deltas.length).toBeGreaterThan(3);
    const last = messages.at(-1)!;
    expect(last.type).toBe('result');
    if (last.type !== 'result') return;
    expect(last.result).toMatchObject({
      reasoning: 'Natalia sold 48 / 2 = 24 clips in May; 48 + 24 = 72.',
      content: '72',
      flow: 'reasoning',
    });
    const call = mock.requests.find((r) => r.path === '/v1/chat/completions')!;
    expect(call.headers.authorization).toBe(`Bearer ${KEY}`);
  });

  it('reports a provider failure as an error event, without the key', async () => {
    mock.reply({ status: 401, errorBody: { error: { message: `Incorrect API key provided: ${KEY}` } } });
    const res = await request('POST', '/api/playground/run', {
      headers: { [TOKEN_HEADER]: web.token, accept: 'text/event-stream' },
      body: { provider: 'openai', model: 'gpt-4.1-mini', input: 'q', stream: false },
    });
    expect(res.text).toContain('"type":"error"');
    expect(res.text).not.toContain(KEY);
  });
});
