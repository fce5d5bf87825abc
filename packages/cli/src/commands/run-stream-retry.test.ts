import { type MockServer, startMockServer } from '@distillery/testkit';
import { failOnSpecViolations } from '@distillery/testkit/vitest';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../__fixtures__/run-cli';

failOnSpecViolations();

let server: MockServer;
const KEY = 'sk-stream-retry-secret-24680';

beforeAll(async () => {
  server = await startMockServer();
});
afterAll(async () => server.close());
beforeEach(() => server.reset());

const env = () => ({
  OPENAI_API_KEY: KEY,
  OPENAI_BASE_URL: server.openaiBaseURL,
  TOGETHER_API_KEY: KEY,
  TOGETHER_BASE_URL: server.togetherBaseURL,
});
const MARKER = /\n\[stream interrupted \(.*?\); (retrying[^\]]*)\]\n/;

/** The human output of `run --stream`, split at the one interruption marker. */
async function streamed(args: string[]): Promise<{ before: string; marker: string; after: string }> {
  const run = await runCli(['run', ...args, '--stream'], { env: env() });
  expect(run.code, run.stderr).toBe(0);
  expect(run.stdout).not.toContain(KEY);
  const markers = run.stdout.match(new RegExp(MARKER.source, 'g')) ?? [];
  expect(markers, run.stdout).toHaveLength(1);
  const match = MARKER.exec(run.stdout)!;
  return {
    before: run.stdout.slice(0, match.index),
    marker: match[1]!,
    after: run.stdout.slice(match.index + match[0].length),
  };
}

const REASONING = 'Natalia sold 48 / 2 = 24 clips in May — 48 + 24 = 72 in all. ✓ 🧮';

describe('run --stream as a person sees a stream cut and sent again', () => {
  it('reasoning flow: the cut attempt, a marker, then the whole reasoning and answer once', async () => {
    server.fault({ type: 'cut-stream', afterChunks: 4 });
    server.reply({ reasoning: REASONING, content: 'The answer is 72.', chunkSize: 4 });
    const out = await streamed([
      '--provider',
      'together',
      '--model',
      'deepseek-ai/DeepSeek-R1',
      '--input',
      'q',
    ]);
    expect(out.before.startsWith('Reasoning\n')).toBe(true);
    const partial = out.before.slice('Reasoning\n'.length);
    expect(partial.length).toBeGreaterThan(0);
    expect(REASONING.startsWith(partial)).toBe(true);
    expect(out.marker).toBe('retrying from the start');
    expect(out.after).toMatch(
      /^Reasoning\nNatalia sold 48 \/ 2 = 24 clips in May — 48 \+ 24 = 72 in all\. ✓ 🧮\n\nAnswer\nThe answer is 72\.\n\S.* · reasoning flow · /,
    );
  });

  it('chain-of-thought flow: a cut final call is sent again, the reasoning printed once stands', async () => {
    const thinking = 'Step 1: 48 / 2 = 24 clips in May. Step 2: 48 + 24 = 72.';
    // The first call streams whole (latency 0 only takes the first place); the second is cut.
    server.fault(
      { type: 'latency', ms: 0, path: '/v1/chat/completions' },
      { type: 'cut-stream', afterChunks: 3 },
    );
    server.reply({ content: thinking, chunkSize: 5 }, { content: 'The answer is 72.', chunkSize: 2 });
    const out = await streamed([
      '--provider',
      'openai',
      '--model',
      'gpt-4.1-mini',
      '--flow',
      'cot',
      '--input',
      'q',
    ]);
    expect(server.requests.filter((r) => r.path === '/v1/chat/completions')).toHaveLength(3);
    const [reasoning, partialAnswer] = out.before.split('\n\nAnswer\n');
    expect(reasoning).toBe(`Reasoning\n${thinking}`);
    expect(partialAnswer!.length).toBeGreaterThan(0);
    expect('The answer is 72.'.startsWith(partialAnswer!)).toBe(true);
    expect(out.marker).toBe('retrying the final call from its start; the reasoning above stands');
    expect(out.after).toMatch(/^Answer\nThe answer is 72\.\n\S.* · cot flow · /);
  });
});
