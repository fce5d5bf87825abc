import { type MockServer, startMockServer } from '@distillery/testkit';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createRawClient } from '../../__fixtures__/raw-request';
import { createWebTestProject, type WebTestProject } from '../../__fixtures__/web-test-project';
import { TOKEN_HEADER } from '../../server/create-request-guard';
import { startWebServer, type WebServer } from '../../server/start-web-server';
import type { PlaygroundRequest, PlaygroundResult, PlaygroundStreamMessage } from '../../shared/api-types';
import { EMPTY_STREAMED_RUN_TEXT, type StreamedRunText, streamedRunText } from './streamed-run-text';

const KEY = 'sk-web-stream-retry-secret-0123456789';
let mock: MockServer;
let project: WebTestProject;
let web: WebServer;
const { request } = createRawClient(() => web.url);

beforeAll(async () => {
  mock = await startMockServer();
  project = await createWebTestProject({
    gsm8kLines: 0,
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
});
beforeEach(() => mock.reset());

/** What the playground shows after each message of a run streamed by the real server. */
async function playground(body: PlaygroundRequest): Promise<{
  shown: { after: PlaygroundStreamMessage; text: StreamedRunText }[];
  result: PlaygroundResult;
}> {
  const res = await request('POST', '/api/playground/run', {
    headers: { [TOKEN_HEADER]: web.token, accept: 'text/event-stream' },
    body,
  });
  expect(res.status).toBe(200);
  const messages = res.text
    .split('\n\n')
    .filter((block) => block.startsWith('data: '))
    .map((block) => JSON.parse(block.slice('data: '.length)) as PlaygroundStreamMessage);
  const last = messages.at(-1);
  if (last?.type !== 'result') throw new Error(`The run did not end with a result: ${res.text}`);
  let text = EMPTY_STREAMED_RUN_TEXT;
  const shown: { after: PlaygroundStreamMessage; text: StreamedRunText }[] = [];
  for (const message of messages.slice(0, -1)) {
    if (message.type !== 'event') throw new Error(`Unexpected ${message.type} message before the result`);
    text = streamedRunText(text, message.event);
    shown.push({ after: message, text });
  }
  return { shown, result: last.result };
}
const isRetry = (m: PlaygroundStreamMessage) => m.type === 'event' && m.event.type === 'retry';

const REASONING = 'Natalia sold 48 / 2 = 24 clips in May — 48 + 24 = 72 in all. ✓ 🧮';

describe('the playground while a stream is cut and sent again', () => {
  it('takes back what the cut attempt showed, and ends showing the answer once', async () => {
    mock.fault({ type: 'cut-stream', afterChunks: 4 });
    mock.reply({ reasoning: REASONING, content: 'The answer is 72.', chunkSize: 4 });
    const { shown, result } = await playground({
      provider: 'together',
      model: 'deepseek-ai/DeepSeek-R1',
      flow: 'reasoning',
      system: 'Solve it.',
      input: 'How many clips?',
      parameters: { thinking: true },
    });
    expect(mock.requests.filter((r) => r.path === '/v1/chat/completions')).toHaveLength(2);
    const retries = shown.filter((s) => isRetry(s.after));
    expect(retries).toHaveLength(1);
    const beforeRetry = shown[shown.indexOf(retries[0]!) - 1]!.text;
    expect(beforeRetry.reasoning.length).toBeGreaterThan(0);
    expect(REASONING.startsWith(beforeRetry.reasoning)).toBe(true);
    expect(retries[0]!.text).toMatchObject({ reasoning: '', content: '', retries: [expect.any(String)] });
    // The last streamed state is what the result says: nothing of the cut attempt is left over.
    expect(shown.at(-1)!.text).toMatchObject({ reasoning: REASONING, content: 'The answer is 72.' });
    expect([result.reasoning, result.content]).toEqual([REASONING, 'The answer is 72.']);
  });

  it('in the chain-of-thought flow, a cut final call keeps the first call’s reasoning', async () => {
    const thinking = 'Step 1: 48 / 2 = 24 clips in May. Step 2: 48 + 24 = 72.';
    // The first call streams whole (latency 0 only takes the first place); the second is cut.
    mock.fault(
      { type: 'latency', ms: 0, path: '/v1/chat/completions' },
      { type: 'cut-stream', afterChunks: 3 },
    );
    mock.reply({ content: thinking, chunkSize: 5 }, { content: 'The answer is 72.', chunkSize: 2 });
    const { shown, result } = await playground({
      provider: 'openai',
      model: 'gpt-4.1-mini',
      flow: 'cot',
      system: 'Solve it.',
      thinkingInstruction: 'Show your work.',
      input: 'How many clips?',
    });
    expect(mock.requests.filter((r) => r.path === '/v1/chat/completions')).toHaveLength(3);
    const retries = shown.filter((s) => isRetry(s.after));
    expect(retries).toHaveLength(1);
    const retry = retries[0]!;
    expect(retry.text.phase).toBe('final');
    const beforeRetry = shown[shown.indexOf(retry) - 1]!.text;
    expect(beforeRetry.reasoning).toBe(thinking);
    expect(beforeRetry.content.length).toBeGreaterThan(0);
    expect(retry.text).toMatchObject({ reasoning: thinking, content: '' });
    expect(shown.at(-1)!.text).toMatchObject({ reasoning: thinking, content: 'The answer is 72.' });
    expect([result.reasoning, result.content]).toEqual([thinking, 'The answer is 72.']);
  });
});
