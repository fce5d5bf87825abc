import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { type MockServer, startMockServer } from '@distillery/testkit';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { doubleAnswer, generationProject, mockEnv, writeInputs } from '../__fixtures__/generation-project';
import { runCli } from '../__fixtures__/run-cli';
import { EXIT_INTERRUPTED } from '../error-boundary';
import { main } from '../main';

// Ctrl-C during a batch run, as on a terminal: the CLI runs in-process with terminal-like streams,
// the signal aborts once the provider is being polled, and stdin answers the question it asks.

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
  // The run is interrupted at the first poll; a resumed run sees the batch end three polls later.
  server.batches.configure({ completeAfterPolls: 4 });
  project = generationProject();
  writeInputs(project.dir, 3);
  const items = Array.from({ length: 3 }, (_, i) =>
    JSON.stringify({ input: `q:${i + 1}`, reference: String(2 * (i + 1)) }),
  );
  writeFileSync(path.join(project.dir, 'items.jsonl'), `${items.join('\n')}\n`);
});
afterEach(() => project.cleanup());

const GENERATE = ['generate', '--task', 'double', '--inputs', 'inputs.jsonl', '--batch'];
const EVAL = ['eval', '--task', 'double', '--items', 'items.jsonl', '--run-config', 'teacher', '--batch'];

/** Runs the CLI in-process on a "terminal", presses Ctrl-C at the first poll, and answers `answer`. */
async function interruptOnTerminal(args: string[], answer: string) {
  const controller = new AbortController();
  const polled = server.nextRequest('/batches/');
  void polled.then(() => controller.abort());
  let stdout = '';
  let stderr = '';
  let asked = '';
  const stdin = (async function* () {
    asked = stderr;
    yield `${answer}\n`;
  })();
  const code = await main([...args, '--poll-interval', '0.01'], {
    stdout: { isTTY: true, write: (t: string) => (stdout += t) },
    stderr: { isTTY: true, write: (t: string) => (stderr += t) },
    stdin: Object.assign(stdin, { isTTY: true }),
    env: { ...mockEnv(server), NO_COLOR: '1' },
    cwd: project.dir,
    signal: controller.signal,
  });
  return { code, stdout, stderr, asked };
}

describe('Ctrl-C during a batch run', { timeout: 120_000 }, () => {
  it('generate --batch: answering yes cancels the batch at the provider; finished requests stay', async () => {
    const run = await interruptOnTerminal(GENERATE, 'y');
    expect(run.code).toBe(EXIT_INTERRUPTED);
    expect(run.asked).toMatch(
      /Cancel this batch at the provider\? Finished requests are kept either way\. \[y\/N\]/,
    );
    const [batch] = server.batches.list();
    expect(server.batches.list()).toHaveLength(1);
    expect(batch!.status).toBe('cancelling');
    expect(run.stdout).toContain('cancelling:');
    expect(run.stderr).toContain('Interrupted; 1 batch is being cancelled at the provider.');
  });

  it('eval --batch: answering no leaves the batch running with its price, and the next run adopts it', async () => {
    const run = await interruptOnTerminal(EVAL, 'n');
    expect(run.code).toBe(EXIT_INTERRUPTED);
    expect(run.asked).toContain('Cancel this batch at the provider?');
    const [batch] = server.batches.list();
    expect(server.batches.list()).toHaveLength(1);
    expect(batch!.status).toBe('in_progress');
    expect(run.stdout).toContain('left running:');
    // Priced before submission at the batch price: the interrupt says what it will cost.
    expect(run.stderr).toMatch(/Interrupted; 1 batch keeps running at the provider \(about \$\d/);

    const listed = await runCli(['batches', 'list'], { cwd: project.dir, env: mockEnv(server) });
    expect(listed.code).toBe(0);
    expect(listed.stdout).toContain(batch!.id);
    expect(listed.stdout).toMatch(/openai\/teacher-r1 .* will cost ~\$\d.* task double#eval \(teacher\)/);
    const jobs = await runCli(['jobs'], { cwd: project.dir, env: mockEnv(server) });
    expect(jobs.stdout).toMatch(
      /1 provider batch still running \(will cost ~\$\d[^)]*\): distill batches list/,
    );

    const resumed = await runCli([...EVAL, '--poll-interval', '0.01', '--json'], {
      cwd: project.dir,
      env: mockEnv(server),
    });
    expect(resumed.code).toBe(0);
    expect(JSON.parse(resumed.stdout).run).toMatchObject({ paidAnswers: 3, complete: true });
    expect(server.batches.list()).toHaveLength(1);
  });

  it('eval --batch: answering yes cancels it at the provider', async () => {
    const run = await interruptOnTerminal(EVAL, 'yes');
    expect(run.code).toBe(EXIT_INTERRUPTED);
    expect(server.batches.list()[0]!.status).toBe('cancelling');
    expect(run.stderr).toContain('Interrupted; 1 batch is being cancelled at the provider.');
  });

  it('asks nothing when the streams are not a terminal (the batch keeps running)', async () => {
    const controller = new AbortController();
    void server.nextRequest('/batches/').then(() => controller.abort());
    let stderr = '';
    let read = false;
    const code = await main([...EVAL, '--poll-interval', '0.01'], {
      stdout: { write: () => true },
      stderr: { write: (t: string) => (stderr += t) },
      stdin: (async function* () {
        read = true;
        yield 'y\n';
      })(),
      env: { ...mockEnv(server), NO_COLOR: '1' },
      cwd: project.dir,
      signal: controller.signal,
    });
    expect(code).toBe(EXIT_INTERRUPTED);
    expect(read).toBe(false);
    expect(stderr).not.toContain('[y/N]');
    expect(server.batches.list()[0]!.status).toBe('in_progress');
  });
});
