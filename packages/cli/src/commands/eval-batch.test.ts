import { readFileSync, writeFileSync } from 'node:fs';
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

/** Caps the teacher's output at 2 tokens (what the mock answers), so batch estimates are tight. */
function limitOutput(dir: string): void {
  const file = path.join(dir, 'distill.config.ts');
  const config = readFileSync(file, 'utf8').replace(
    "model: 'teacher-r1', flow: 'reasoning' }",
    "model: 'teacher-r1', flow: 'reasoning', parameters: { maxTokens: 2 } }",
  );
  writeFileSync(file, config);
}

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

  it('--max-cost prices each batch before submitting it and stops at the budget; a rerun pays only the rest', async () => {
    // maxTokens 2 keeps the estimate near the real price: the batch price is $0.50 a token, an answer 5 tokens.
    limitOutput(project.dir);
    const args = ['eval', '--task', 'double', '--items', 'items.jsonl', '--run-config', 'teacher', '--batch'];
    const run = await cli([...args, '--poll-interval', '0.01', '--max-cost', '12', '--json']);
    // Six answers cost $15, so $12 cannot buy them all: it stops short, says so, and exits 1.
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/Stopped short at the --max-cost budget: \d of 6 answers/);
    const report = JSON.parse(run.stdout);
    expect(report.run.stopReason).toBe('budget');
    expect(report.run.paidAnswers).toBeGreaterThan(0);
    expect(report.run.paidAnswers).toBeLessThan(6);
    expect(report.run.spentUsd).toBeLessThanOrEqual(12);
    // Nothing was submitted that was not stored: every request sent is a paid answer of this run.
    expect(submittedIds()).toHaveLength(report.run.paidAnswers);

    const rest = await cli([...args, '--poll-interval', '0.01', '--max-cost', '100', '--json']);
    expect(rest.code).toBe(0);
    expect(JSON.parse(rest.stdout).run).toMatchObject({
      paidAnswers: 6 - report.run.paidAnswers,
      reusedAnswers: report.run.paidAnswers,
      complete: true,
    });
    const ids = submittedIds();
    expect(new Set(ids).size).toBe(6);
    expect(ids).toHaveLength(6);
  });

  it('refuses --max-cost with --batch when the batch price is unknown, before any call', async () => {
    const run = await cli([
      'eval',
      '--task',
      'double',
      '--items',
      'items.jsonl',
      '--model',
      'together:some-org/unpriced-model',
      '--batch',
      '--max-cost',
      '0.5',
    ]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('--max-cost needs the batch price of some-org/unpriced-model');
    expect(server.requests.filter((r) => r.method === 'POST')).toHaveLength(0);
  });
});
