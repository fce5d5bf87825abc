import { type MockServer, startMockServer } from '@distillery/testkit';
import { failOnSpecViolations } from '@distillery/testkit/vitest';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../__fixtures__/run-cli';

failOnSpecViolations();

let server: MockServer;
const KEY = 'sk-test-secret-123456';

beforeAll(async () => {
  server = await startMockServer();
});
afterAll(async () => {
  await server.close();
});
beforeEach(() => server.reset());

function env(extra: Record<string, string> = {}) {
  return {
    OPENAI_API_KEY: KEY,
    OPENAI_BASE_URL: server.openaiBaseURL,
    TOGETHER_API_KEY: KEY,
    TOGETHER_BASE_URL: server.togetherBaseURL,
    ANTHROPIC_API_KEY: KEY,
    ANTHROPIC_BASE_URL: server.anthropicBaseURL,
    ...extra,
  };
}

interface RunJson {
  reasoning: string | null;
  content: string;
  structured: unknown;
  finishReason: string;
  usage: { inputTokens: number; outputTokens: number; reasoningTokens?: number };
  costUsd: number | null;
  trace: { role: string; content: string; reasoning?: string }[];
}

async function runJson(args: string[], extraEnv: Record<string, string> = {}): Promise<RunJson> {
  const run = await runCli(['run', ...args, '--json'], { env: env(extraEnv) });
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
  const lines = run.stdout.trim().split('\n');
  expect(lines).toHaveLength(1);
  return JSON.parse(lines[0]!) as RunJson;
}

const REASONING = 'Natalia sold 48 / 2 = 24 clips in May — 48 + 24 = 72 in all. ✓ 🧮';

describe('distill run', () => {
  it('returns reasoning from an OpenAI-compatible field apart from the answer, with usage, cost and trace', async () => {
    server.reply({
      reasoning: REASONING,
      reasoningField: 'reasoning_content',
      content: '72',
      usage: { prompt_tokens: 100, completion_tokens: 50, reasoning_tokens: 30 },
    });
    const out = await runJson([
      '--provider',
      'openai',
      '--model',
      'deepseek-reasoner',
      '--system',
      'Solve it.',
      '--input',
      'How many clips?',
    ]);
    expect(out).toMatchObject({
      reasoning: REASONING,
      content: '72',
      finishReason: 'stop',
      structured: null,
    });
    expect(out.usage).toEqual({ inputTokens: 100, outputTokens: 50, reasoningTokens: 30 });
    expect(out.trace).toEqual([
      { role: 'system', content: 'Solve it.' },
      { role: 'user', content: 'How many clips?' },
      { role: 'assistant', content: '72', reasoning: REASONING },
    ]);
    const request = server.requests.find((r) => r.path === '/v1/chat/completions')!;
    expect(request.headers.authorization).toBe(`Bearer ${KEY}`);
  });

  it('streams one-character deltas split mid-character and inline tags through the parser, losing nothing', async () => {
    const content = `<think>\n${REASONING}\n</think>\n\n72`;
    server.reply({ content, reasoningField: 'none', chunkSize: 1, splitMode: 'code-unit' });
    const streamed = await runJson([
      '--provider',
      'openai',
      '--model',
      'my-r1',
      '--parser',
      'deepseek-r1',
      '--flow',
      'reasoning',
      '--input',
      'q',
      '--stream',
    ]);
    server.reply({ content, reasoningField: 'none' });
    const whole = await runJson([
      '--provider',
      'openai',
      '--model',
      'my-r1',
      '--parser',
      'deepseek-r1',
      '--flow',
      'reasoning',
      '--input',
      'q',
    ]);
    expect(streamed.reasoning).toBe(`\n${REASONING}\n`);
    expect(streamed.content).toBe('\n\n72');
    expect([whole.reasoning, whole.content]).toEqual([streamed.reasoning, streamed.content]);
  });

  it('reads Together reasoning, honouring a 429 retry-after before succeeding', async () => {
    server.fault({ type: 'rate-limit', retryAfterMs: 300 });
    server.reply({ reasoning: REASONING, content: '72', chunkSize: 2 });
    const out = await runJson([
      '--provider',
      'together',
      '--model',
      'deepseek-ai/DeepSeek-R1',
      '--input',
      'q',
      '--stream',
      '--thinking',
      'on',
    ]);
    expect([out.reasoning, out.content]).toEqual([REASONING, '72']);
    const calls = server.requests.filter((r) => r.path === '/v1/chat/completions');
    expect(calls).toHaveLength(2);
    expect(calls[1]!.at - calls[0]!.at).toBeGreaterThanOrEqual(300);
    expect(calls[1]!.body).toMatchObject({
      model: 'deepseek-ai/DeepSeek-R1',
      stream: true,
      reasoning: { enabled: true },
    });
    expect(out.costUsd).toBeGreaterThan(0);
  });

  it('reads Anthropic extended thinking, streamed, with signatures kept out of the answer', async () => {
    server.reply({ reasoning: REASONING, content: '72', thinkingSignature: 'sig-abc', chunkSize: 3 });
    const out = await runJson([
      '--provider',
      'anthropic',
      '--model',
      'claude-sonnet-4-6',
      '--input',
      'q',
      '--stream',
    ]);
    expect([out.reasoning, out.content]).toEqual([REASONING, '72']);
    const request = server.requests.find((r) => r.path === '/v1/messages')!;
    expect(request.body).toMatchObject({ thinking: { display: 'summarized' } });
  });

  it('runs the chain-of-thought flow as two calls', async () => {
    server.reply({ content: 'Step 1: 48 / 2 = 24. Step 2: 48 + 24 = 72.' }, { content: '72' });
    const out = await runJson([
      '--provider',
      'openai',
      '--model',
      'gpt-4.1-mini',
      '--flow',
      'cot',
      '--input',
      'q',
      '--thinking-instruction',
      'Show your work.',
    ]);
    expect([out.reasoning, out.content]).toEqual(['Step 1: 48 / 2 = 24. Step 2: 48 + 24 = 72.', '72']);
    expect(out.trace.map((m) => m.role)).toEqual(['user', 'user', 'assistant', 'user', 'assistant']);
    expect(out.trace[1]!.content).toBe('Show your work.');
  });

  it('recovers a stream cut mid-way by sending it again', async () => {
    server.fault({ type: 'cut-stream', afterChunks: 3 });
    server.reply({ reasoning: REASONING, content: '72', chunkSize: 4 });
    const out = await runJson([
      '--provider',
      'together',
      '--model',
      'deepseek-ai/DeepSeek-R1',
      '--input',
      'q',
      '--stream',
    ]);
    expect([out.reasoning, out.content]).toEqual([REASONING, '72']);
  });

  it('shows people the reasoning live, apart from the answer', async () => {
    server.reply({ reasoning: 'thinking…', content: '72', chunkSize: 2 });
    const run = await runCli(
      ['run', '--provider', 'together', '--model', 'deepseek-ai/DeepSeek-R1', '--input', 'q', '--stream'],
      { env: env() },
    );
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Reasoning\nthinking…\n\nAnswer\n72\n/);
    expect(run.stdout).toContain('together/deepseek-ai/DeepSeek-R1 · reasoning flow');
  });

  it('says so when an OpenAI reasoning model hides its reasoning', async () => {
    server.reply({ content: '72', reasoningField: 'none' });
    const out = await runJson(['--provider', 'openai', '--model', 'o3', '--input', 'q']);
    expect(out.reasoning).toBeNull();
    const run = await runCli(['run', '--provider', 'openai', '--model', 'o3', '--input', 'q'], {
      env: env(),
    });
    expect(run.stdout).toContain('o3 reasons internally but its API does not return the reasoning.');
  });

  it('works with only the key and base URL in the environment, no config file', async () => {
    server.reply({ content: 'ok' });
    const run = await runCli(
      ['run', '--provider', 'openai', '--model', 'gpt-4.1-mini', '--input', 'q', '--json'],
      {
        cwd: '/',
        env: env(),
      },
    );
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout).content).toBe('ok');
  });

  describe('failures end with one clear line, a non-zero exit and no stack trace', () => {
    const oneLine = (stderr: string) => stderr.split('\n').filter((l) => l.startsWith('error:'));

    it('a bad key', async () => {
      const run = await runCli(
        ['run', '--provider', 'together', '--model', 'deepseek-ai/DeepSeek-R1', '--input', 'q'],
        {
          env: env({ TOGETHER_API_KEY: 'bad-key' }),
        },
      );
      expect(run.code).not.toBe(0);
      expect(oneLine(run.stderr)).toHaveLength(1);
      expect(run.stderr).toMatch(/401/);
      expect(run.stderr).toMatch(/TOGETHER_API_KEY/);
      expect(run.stderr).not.toMatch(/\n\s+at /);
    });

    it('an unknown model', async () => {
      const run = await runCli(['run', '--provider', 'openai', '--model', 'missing-model', '--input', 'q'], {
        env: env(),
      });
      expect(run.code).not.toBe(0);
      expect(oneLine(run.stderr)[0]).toMatch(/missing-model/);
      expect(run.stderr).not.toContain(KEY);
    });

    it('an unreachable server', async () => {
      const run = await runCli(
        ['run', '--provider', 'anthropic', '--model', 'claude-sonnet-4-5', '--input', 'q'],
        {
          env: env({ ANTHROPIC_BASE_URL: 'http://127.0.0.1:9', DISTILL_TEST_FAST_RETRY: '1' }),
        },
      );
      expect(run.code).not.toBe(0);
      expect(oneLine(run.stderr)).toHaveLength(1);
      expect(run.stderr).toMatch(/anthropic|Anthropic/);
      expect(run.stderr).not.toMatch(/\n\s+at /);
    });

    it('no input', async () => {
      const run = await runCli(['run', '--provider', 'openai', '--model', 'm'], { env: env() });
      expect(run.code).toBe(2);
      expect(run.stderr).toContain('error: Nothing to run: no input given.');
    });
  });
});
