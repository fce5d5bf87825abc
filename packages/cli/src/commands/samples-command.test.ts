import path from 'node:path';
import type { SampleInput } from '@distillery/core';
import { openSampleStore } from '@distillery/runtime';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { generationProject } from '../__fixtures__/generation-project';
import { runCli } from '../__fixtures__/run-cli';

let project: ReturnType<typeof generationProject>;

const runConfig = {
  name: 'teacher',
  provider: 'openai',
  model: 'teacher-r1',
  flow: 'reasoning',
  parameters: {},
};
const REASONING =
  'Natalia sold 48 clips in April and half as many in May, which is 24, so altogether 48 + 24 = 72 clips.';

function sample(id: string, overrides: Partial<SampleInput> = {}): SampleInput {
  return {
    id,
    taskId: 'double',
    input: `question ${id}`,
    output: { content: `answer ${id}` },
    reasoning: null,
    source: { type: 'import', file: 'a.jsonl', line: 1, format: 'gsm8k' },
    tags: [],
    createdAt: `2026-01-01T00:00:0${id.length % 10}.000Z`,
    ...overrides,
  };
}

beforeEach(async () => {
  project = generationProject();
  const store = await openSampleStore({ dir: path.join(project.dir, '.distill') });
  await store.insertMany([
    sample('s1', {
      input: 'How many clips did Natalia sell?',
      output: { content: '72' },
      reasoning: { text: REASONING, origin: 'model-field', truncated: false },
      source: { type: 'synthetic', runConfig },
      tags: ['synthetic'],
      usage: { inputTokens: 120, outputTokens: 80, reasoningTokens: 60 },
      costUsd: 0.0021,
      latencyMs: 830,
      finishReason: 'stop',
      createdAt: '2026-01-01T00:00:03.000Z',
    }),
    sample('s2', { createdAt: '2026-01-01T00:00:02.000Z', tags: ['reviewed'] }),
    sample('s3', { createdAt: '2026-01-01T00:00:01.000Z', taskId: 'other' }),
  ]);
  await store.close();
});
afterEach(() => project.cleanup());

const cli = (args: string[], env: Record<string, string> = {}) =>
  runCli(['samples', ...args], { cwd: project.dir, env });
const parse = (stdout: string) => {
  expect(stdout.trim().split('\n')).toHaveLength(1);
  return JSON.parse(stdout) as Record<string, unknown>;
};
const ids = (stdout: string) => (parse(stdout).samples as { id: string }[]).map((s) => s.id);

describe('distill samples', { timeout: 60_000 }, () => {
  it('lists newest first with every filter, and pages with --cursor', async () => {
    expect(ids((await cli(['list', '--json'])).stdout)).toEqual(['s1', 's2', 's3']);
    expect(ids((await cli(['list', '--json', '--has-reasoning'])).stdout)).toEqual(['s1']);
    expect(ids((await cli(['list', '--json', '--without-reasoning', '--task', 'double'])).stdout)).toEqual([
      's2',
    ]);
    expect(ids((await cli(['list', '--json', '--tag', 'reviewed'])).stdout)).toEqual(['s2']);
    expect(ids((await cli(['list', '--json', '--source', 'synthetic'])).stdout)).toEqual(['s1']);
    expect(ids((await cli(['list', '--json', '--model', 'teacher-r1'])).stdout)).toEqual(['s1']);
    expect(ids((await cli(['list', '--json', '--search', 'Natalia'])).stdout)).toEqual(['s1']);
    const first = parse((await cli(['list', '--json', '--limit', '2'])).stdout);
    expect(first.total).toBe(3);
    expect((first.samples as { id: string }[]).map((s) => s.id)).toEqual(['s1', 's2']);
    const second = await cli(['list', '--json', '--limit', '2', '--cursor', first.nextCursor as string]);
    expect(ids(second.stdout)).toEqual(['s3']);
    const human = await cli(['list', '--limit', '2']);
    expect(human.stdout).toContain('s1  double  R');
    expect(human.stdout).toContain('2 of 3 matching samples · next page: --cursor');
  });

  it('rates and tags, and the rating filter sees it', async () => {
    expect(parse((await cli(['rate', 's2', '4', '--json'])).stdout)).toEqual({ id: 's2', rating: 4 });
    expect(ids((await cli(['list', '--json', '--min-rating', '4'])).stdout)).toEqual(['s2']);
    expect(parse((await cli(['rate', 's2', 'none', '--json'])).stdout)).toEqual({ id: 's2', rating: null });
    expect(parse((await cli(['tag', 's3', 'gold', 'hard', '--json'])).stdout)).toEqual({
      id: 's3',
      tags: ['gold', 'hard'],
    });
    expect(parse((await cli(['tag', 's3', 'hard', '--remove', '--json'])).stdout)).toEqual({
      id: 's3',
      tags: ['gold'],
    });
    const bad = await cli(['rate', 's2', '6']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('rating must be a whole number from 1 to 5');
    const badTag = await cli(['tag', 's2', 'two words']);
    expect(badTag.stderr).toContain('tags cannot be empty or contain spaces');
  });

  it('shows reasoning and answer side by side on a wide terminal, stacked otherwise, with provenance, usage and cost', async () => {
    const wide = await cli(['show', 's1', '--layout', 'side-by-side'], { COLUMNS: '100' });
    expect(wide.code, wide.stderr).toBe(0);
    const lines = wide.stdout.split('\n');
    const header = lines.find((l) => l.startsWith('Reasoning (model-field)'))!;
    expect(header).toMatch(/^Reasoning \(model-field\)\s+│ Answer$/);
    expect(lines.find((l) => l.includes('│ 72'))).toMatch(
      /^Natalia sold 48 clips in April and half as many\s+│ 72$/,
    );
    for (const line of lines) expect([...line].length).toBeLessThanOrEqual(100);
    expect(wide.stdout).toContain(
      'source   synthetic · run config teacher · openai/teacher-r1 · reasoning flow',
    );
    expect(wide.stdout).toContain('usage    120 in · 80 out (60 reasoning)');
    expect(wide.stdout).toContain('cost     $0.0021');
    expect(wide.stdout).toContain('call     830 ms · finish stop');

    const piped = await cli(['show', 's1']);
    expect(piped.stdout).toContain(
      'Reasoning (model-field)\nNatalia sold 48 clips in April and half as many in May, which is 24, so\naltogether 48 + 24 = 72 clips.\n\nAnswer\n72',
    );
    const asJson = parse((await cli(['show', 's2', '--json'])).stdout);
    expect(asJson).toMatchObject({ id: 's2', output: { content: 'answer s2' } });
    const missing = await cli(['show', 'nope']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('No sample with id "nope"');
  });

  it('deletes samples and reports ids it did not find', async () => {
    const run = await cli(['delete', 's2', 'nope', '--json']);
    expect(parse(run.stdout)).toEqual({ deleted: ['s2'], missing: ['nope'] });
    expect(run.code).toBe(2);
    expect(ids((await cli(['list', '--json'])).stdout)).toEqual(['s1', 's3']);
  });
});
