import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../__fixtures__/run-cli';

const good = (q: string, a: string, reasoning?: string) =>
  JSON.stringify({
    messages: [
      { role: 'system', content: 'Solve it.' },
      { role: 'user', content: q },
      { role: 'assistant', content: a, ...(reasoning === undefined ? {} : { reasoning }) },
    ],
  });

async function file(name: string, lines: string[]): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'distill-check-'));
  const full = path.join(dir, name);
  await writeFile(full, `${lines.join('\n')}\n`);
  return full;
}

describe('distill check', () => {
  it('accepts a valid Together reasoning file: exit 0, one JSON object', async () => {
    const f = await file('train.jsonl', [
      good('1+1?', '2', '1 plus 1 is 2.'),
      good('2+2?', '4', 'Two twos make 4.'),
    ]);
    const run = await runCli(['check', f, '--backend', 'together', '--reasoning', '--json']);
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout);
    expect(Object.keys(report)).toEqual(['ok', 'format', 'samples', 'errors', 'warnings', 'stats']);
    expect(report).toMatchObject({ ok: true, format: 'conversation', samples: 2, errors: [] });
    expect(report.stats.withReasoning).toBe(2);
  });

  it('rejects a file Together would reject, at the faulty line: exit 1', async () => {
    const bad = JSON.stringify({
      messages: [
        { role: 'user', content: 'q' },
        { role: 'user', content: 'q again' },
        { role: 'assistant', content: 'a' },
      ],
    });
    const f = await file('train.jsonl', [good('q', 'a'), bad]);
    const run = await runCli(['check', f, '--json']);
    expect(run.code).toBe(1);
    const report = JSON.parse(run.stdout);
    expect(report.ok).toBe(false);
    expect(report.errors[0]).toMatchObject({ line: 2, code: 'role-not-alternating' });
    const human = await runCli(['check', f]);
    expect(human.code).toBe(1);
    expect(human.stdout).toContain('2');
  });

  it('treats reasoning lint as warnings, and as errors with --strict', async () => {
    const f = await file('train.jsonl', [
      good('q1', 'a1', 'thinking'),
      good('q2', '<think>leak</think>a2', ''),
    ]);
    const lenient = await runCli(['check', f, '--reasoning', '--json']);
    expect(lenient.code).toBe(0);
    expect(JSON.parse(lenient.stdout).warnings.length).toBeGreaterThan(0);
    const strict = await runCli(['check', f, '--reasoning', '--strict', '--json']);
    expect(strict.code).toBe(1);
    expect(JSON.parse(strict.stdout).errors.map((e: { line: number }) => e.line)).toContain(2);
  });

  it('names a missing --against file', async () => {
    const f = await file('train.jsonl', [good('q', 'a')]);
    const run = await runCli(['check', f, '--against', 'nope.jsonl']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^error: .*nope\.jsonl/);
  });
});
