import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Gsm8kProject, gsm8kProject } from '../__fixtures__/gsm8k-project';
import { runCli } from '../__fixtures__/run-cli';

let project: Gsm8kProject;

beforeAll(async () => {
  project = await gsm8kProject(12, [
    {
      id: 'manual-1',
      taskId: 'gsm8k',
      input: 'What is 2 + 2?',
      output: { content: '4' },
      reasoning: null,
      source: { type: 'human', author: 'me' },
      tags: ['manual'],
      rating: 5,
      createdAt: '2025-01-01T00:00:00.000Z',
    },
  ]);
}, 60_000);
afterAll(() => project.cleanup());

const cli = (...args: string[]) => runCli(args, { cwd: project.dir });

// Each test spawns the CLI several times; on a loaded machine a spawn can take a second.
describe('distill dataset', { timeout: 60_000 }, () => {
  it('creates a frozen, seeded snapshot and prints it as one JSON object', async () => {
    const created = await cli(
      'dataset',
      'create',
      '--task',
      'gsm8k',
      '--name',
      'gsm8k-v1',
      '--filter',
      'has-reasoning and tag:slice and not tag:manual',
      '--seed',
      '42',
      '--json',
    );
    expect(created.stderr).toBe('');
    expect(created.code, created.stderr).toBe(0);
    const summary = JSON.parse(created.stdout);
    expect(summary).toMatchObject({
      name: 'gsm8k-v1',
      taskId: 'gsm8k',
      filter: { hasReasoning: true, tags: ['slice'], excludeTags: ['manual'] },
      filterExpression: 'has-reasoning and tag:slice and not tag:manual',
      seed: 42,
      splitRatios: { train: 0.8, val: 0.1, test: 0.1 },
      counts: {
        total: 12,
        withReasoning: 12,
        highRated: 0,
        missing: 0,
        // 12 × (0.8, 0.1, 0.1) = 9.6, 1.2, 1.2: floors 9, 1, 1 and the leftover to train.
        splits: {
          train: { total: 10, withReasoning: 10, highRated: 0, missing: 0 },
          val: { total: 1, withReasoning: 1, highRated: 0, missing: 0 },
          test: { total: 1, withReasoning: 1, highRated: 0, missing: 0 },
        },
        tags: { 'format:gsm8k': 12, import: 12, slice: 12 },
      },
    });

    // Same samples and seed: same splits, under another name.
    const again = await cli(
      'dataset',
      'create',
      '--task',
      'gsm8k',
      '--name',
      'gsm8k-v1b',
      '--seed',
      '42',
      '--filter',
      'tag:slice',
      '--json',
    );
    expect(again.code, again.stderr).toBe(0);
    const shownA = JSON.parse((await cli('dataset', 'show', 'gsm8k-v1', '--json')).stdout);
    const shownB = JSON.parse((await cli('dataset', 'show', JSON.parse(again.stdout).id, '--json')).stdout);
    expect(shownB.splits).toEqual(shownA.splits);
    expect(Object.values(shownA.splits as Record<string, string[]>).flat()).toHaveLength(12);
  });

  it('counts ratings and reasoning, custom splits, and lists every dataset', async () => {
    const created = await cli(
      'dataset',
      'create',
      '--task',
      'gsm8k',
      '--name',
      'all',
      '--split',
      'train=0.5,test=0.5',
      '--seed',
      '1',
    );
    expect(created.code, created.stderr).toBe(0);
    expect(created.stdout).toContain('Created a frozen snapshot of 13 samples.');
    expect(created.stdout).toMatch(/^ {2}split +samples +with reasoning +rated 4\+ +ratio$/m);
    expect(created.stdout).toMatch(/^ {2}total +13 +12 +1$/m);
    expect(created.stdout).toContain('filter   all samples');
    expect(created.stdout).toContain('tags     format:gsm8k 12, import 12, slice 12, manual 1');

    const list = await cli('dataset', 'list', '--json');
    expect(list.code, list.stderr).toBe(0);
    const all = JSON.parse(list.stdout) as { name: string; counts: { total: number } }[];
    expect(all.map((d) => d.name)).toContain('all');
    expect(all.find((d) => d.name === 'all')!.counts.total).toBe(13);

    const human = await cli('dataset', 'list');
    expect(human.stdout).toMatch(/^NAME +TASK +SAMPLES +REASONING +RATED 4\+ +SPLITS +FILTER$/m);
    expect(human.stdout).toMatch(/^all +gsm8k +13 +12 +1 +train \d+ \/ test \d+ +all$/m);
  });

  it('rejects duplicate names, bad filters (with the column), bad splits and unknown datasets', async () => {
    await cli('dataset', 'create', '--task', 'gsm8k', '--name', 'taken', '--seed', '3');
    const dup = await cli('dataset', 'create', '--task', 'gsm8k', '--name', 'taken');
    expect(dup.code, dup.stderr).toBe(2);
    expect(dup.stderr).toMatch(/^error: A dataset named "taken" already exists/);

    const bad = await cli(
      'dataset',
      'create',
      '--task',
      'gsm8k',
      '--name',
      'x',
      '--filter',
      'has-reasoning and rating=>4',
    );
    expect(bad.code, bad.stderr).toBe(2);
    expect(bad.stderr).toContain(
      'error: Cannot parse the filter at column 25: unknown comparison "=>": use >=, > or =.',
    );
    expect(bad.stderr).toContain(`\n  has-reasoning and rating=>4\n  ${' '.repeat(24)}^\n`);
    expect(bad.stderr).toContain('at --filter, column 25');

    const split = await cli(
      'dataset',
      'create',
      '--task',
      'gsm8k',
      '--name',
      'x',
      '--split',
      'train=0.8,test=0.1',
    );
    expect(split.code, split.stderr).toBe(2);
    expect(split.stderr).toContain('The --split ratios add up to 0.9, not 1.');

    const none = await cli(
      'dataset',
      'create',
      '--task',
      'gsm8k',
      '--name',
      'x',
      '--filter',
      'source=synthetic',
    );
    expect(none.code, none.stderr).toBe(2);
    expect(none.stderr).toContain(
      'No sample of task "gsm8k" matches the filter "source=synthetic" (the task has 13).',
    );

    const seed = await cli('dataset', 'create', '--task', 'gsm8k', '--name', 'x', '--seed', '1.5');
    expect(seed.stderr).toContain('--seed must be a whole number, got "1.5".');

    const show = await cli('dataset', 'show', 'nope');
    expect(show.code, show.stderr).toBe(2);
    expect(show.stderr).toContain('No dataset named "nope".');
    expect(show.stdout).toBe('');
  });
});
