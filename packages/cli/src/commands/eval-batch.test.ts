import { writeFileSync } from 'node:fs';
import path from 'node:path';
import type { RecordedRequest } from '@distillery/testkit';
import { type MockServer, startMockServer } from '@distillery/testkit';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { doubleAnswer, generationProject, mockEnv } from '../__fixtures__/generation-project';
import { runAndKill as runAndKillCli } from '../__fixtures__/run-and-kill';
import { runCli } from '../__fixtures__/run-cli';

let server: MockServer;
let project: ReturnType<typeof generationProject>;

beforeAll(async () => {
  server = await startMockServer();
});
afterAll(async () => {
  await server.close();
});
beforeEach(() => {
  server.reset();
  server.onChat(doubleAnswer);
  project = generationProject();
  // q:N is answered 2N by the mock; every reference is right.
  const lines = Array.from({ length: 6 }, (_, i) =>
    JSON.stringify({ input: `q:${i + 1}`, reference: String(2 * (i + 1)) }),
  );
  writeFileSync(path.join(project.dir, 'items.jsonl'), `${lines.join('\n')}\n`);
});
afterEach(() => project.cleanup());

const env = () => ({
  ...mockEnv(server),
  ANTHROPIC_API_KEY: 'sk-ant-test',
  ANTHROPIC_BASE_URL: server.anthropicBaseURL,
});
const ARGS = [
  'eval',
  '--task',
  'double',
  '--items',
  'items.jsonl',
  '--run-config',
  'teacher',
  '--model',
  'anthropic:claude-sonnet-4-5',
  '--batch',
  '--poll-interval',
  '0.01',
];
const cli = (args: string[]) => runCli(args, { cwd: project.dir, env: env() });
const submittedIds = () => server.batches.list().flatMap((b) => b.customIds);

describe('distill eval --batch', { timeout: 180_000 }, () => {
  it("answers every candidate through its provider's batch API, then reuses the answers", async () => {
    const run = await cli([...ARGS, '--json']);
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout);
    expect(report.run).toMatchObject({ paidAnswers: 12, failedCalls: 0, complete: true });
    expect(report.candidates.map((c: { score: { estimate: number } }) => c.score.estimate)).toEqual([1, 1]);
    // No direct calls: one OpenAI batch and one Anthropic message batch of six requests each.
    expect(
      server.requests.filter((r) => r.path === '/v1/chat/completions' || r.path === '/v1/messages'),
    ).toHaveLength(0);
    expect(
      server.batches
        .list()
        .map((b) => [b.api, b.customIds.length])
        .sort(),
    ).toEqual([
      ['anthropic', 6],
      ['openai', 6],
    ]);
    expect(server.violations).toEqual([]);

    const again = await cli([...ARGS, '--json']);
    expect(JSON.parse(again.stdout).run).toMatchObject({ paidAnswers: 0, reusedAnswers: 12 });
    expect(server.batches.list()).toHaveLength(2);
  });

  it('kill -9 while polling, resume: every answer once, no request paid twice', async () => {
    server.batches.configure({ completeAfterPolls: 3 });
    const code = await runAndKillCli(
      server,
      ARGS,
      { cwd: project.dir, env: env() },
      (r: RecordedRequest) => r.method === 'GET' && /^\/v1\/(messages\/)?batches\/[^/]+$/.test(r.path),
    );
    expect(code).not.toBe(0);
    const resumed = await cli([...ARGS, '--json']);
    expect(resumed.code).toBe(0);
    expect(JSON.parse(resumed.stdout).run).toMatchObject({ failedCalls: 0, complete: true });
    const ids = submittedIds();
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toHaveLength(12);
  });

  it('refuses --poll-interval without --batch', async () => {
    const run = await cli([
      'eval',
      '--task',
      'double',
      '--items',
      'items.jsonl',
      '--run-config',
      'teacher',
      '--poll-interval',
      '1',
    ]);
    expect(run.code).not.toBe(0);
    expect(run.stderr).toContain('--poll-interval goes with --batch.');
    expect(server.requests).toHaveLength(0);
  });

  it('refuses --max-cost with --batch before any call (a batch is paid as a whole)', async () => {
    const run = await cli([
      'eval',
      '--task',
      'double',
      '--items',
      'items.jsonl',
      '--run-config',
      'teacher',
      '--batch',
      '--max-cost',
      '0.5',
    ]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--max-cost cannot bound batch answers');
    expect(server.requests).toHaveLength(0);
  });
});
