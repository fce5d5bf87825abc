import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { COT_FINAL_ANSWER_PROMPT, parseReasoning } from '@distillery/core';
import { deepseekR1, kimiVl, magistral, seedOss } from '@distillery/parser-markers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Gsm8kProject, gsm8kProject } from '../__fixtures__/gsm8k-project';
import { runCli } from '../__fixtures__/run-cli';

let project: Gsm8kProject;
const SYSTEM = 'Solve the maths word problem. Reply with the final numeric answer only.';

beforeAll(async () => {
  project = await gsm8kProject(10, [
    {
      id: 'no-reasoning',
      taskId: 'gsm8k',
      input: 'What is 2 + 2?',
      output: { content: '4' },
      reasoning: null,
      source: { type: 'human' },
      tags: ['manual'],
      createdAt: '2025-01-01T00:00:00.000Z',
    },
  ]);
  const create = (name: string, filter: string) =>
    runCli(
      [
        'dataset',
        'create',
        '--task',
        'gsm8k',
        '--name',
        name,
        '--filter',
        filter,
        '--split',
        'train=0.8,test=0.2',
        '--seed',
        '7',
      ],
      {
        cwd: project.dir,
      },
    );
  expect((await create('r', 'has-reasoning')).code).toBe(0);
  expect((await create('everything', '')).code).toBe(0);
}, 60_000);
afterAll(() => project.cleanup());

const cli = (...args: string[]) => runCli(args, { cwd: project.dir });

type Message = {
  role: string;
  content: string;
  reasoning?: string;
  reasoning_content?: string;
  weight?: number;
};

function readJsonl(file: string): { messages: Message[] }[] {
  return readFileSync(path.join(project.dir, file), 'utf8')
    .trimEnd()
    .split('\n')
    .map((line) => JSON.parse(line));
}

// Each test spawns the CLI several times; on a loaded machine a spawn can take a second.
describe('distill export: round trip from a GSM8K slice', { timeout: 60_000 }, () => {
  it('together, reasoning: the thinking in the reasoning field, the final answer in content', async () => {
    const run = await cli(
      'export',
      'r',
      '--strategy',
      'reasoning',
      '--format',
      'together',
      '--out',
      'out/together.jsonl',
      '--json',
    );
    expect(run.stderr).toBe('');
    expect(run.code, run.stderr).toBe(0);
    const result = JSON.parse(run.stdout);
    expect(result).toMatchObject({
      file: path.join(project.dir, 'out/together.jsonl'),
      split: 'train',
      examples: 8,
      samples: 8,
      skipped: 0,
      flow: 'reasoning',
      layout: 'reasoning-field',
      prompt: { system: SYSTEM, thinkingInstruction: 'Think step by step.' },
    });
    const lines = readJsonl('out/together.jsonl');
    expect(lines).toHaveLength(8);
    for (const { messages } of lines) {
      expect(messages.map((m) => m.role)).toEqual(['system', 'user', 'assistant']);
      expect(messages[0]!.content).toBe(`${SYSTEM}\n\nThink step by step.`);
      expect(messages[2]!.content).toMatch(/^-?[\d.,]+$/);
      expect(messages[2]!.reasoning!.length).toBeGreaterThan(10);
      expect(messages[2]!.reasoning).not.toContain('<<'); // calculator annotations removed on import
    }
  });

  it('r1, openai, hf-chat and final-only write the shapes their trainers expect', async () => {
    const r1 = await cli(
      'export',
      'r',
      '--strategy',
      'reasoning',
      '--format',
      'r1',
      '--out',
      'r1.jsonl',
      '--json',
    );
    expect(JSON.parse(r1.stdout)).toMatchObject({
      flow: 'reasoning',
      parser: 'deepseek-r1',
      layout: 'think-tags',
    });
    for (const { messages } of readJsonl('r1.jsonl')) {
      expect(messages[2]!.content).toMatch(/^<think>\n[\s\S]+\n<\/think>\n\n-?[\d.,]+$/);
      expect(Object.keys(messages[2]!)).toEqual(['role', 'content']);
    }

    const openai = await cli(
      'export',
      'r',
      '--strategy',
      'reasoning',
      '--format',
      'openai',
      '--out',
      'openai.jsonl',
      '--json',
    );
    expect(JSON.parse(openai.stdout)).toMatchObject({ flow: 'cot', layout: 'cot-messages' });
    for (const { messages } of readJsonl('openai.jsonl')) {
      expect(messages.map((m) => [m.role, m.weight])).toEqual([
        ['system', undefined],
        ['user', undefined],
        ['user', undefined],
        ['assistant', 1],
        ['user', undefined],
        ['assistant', 1],
      ]);
      expect(messages[0]!.content).toBe(SYSTEM);
      expect(messages[2]!.content).toBe('Think step by step.');
      expect(messages[4]!.content).toBe(COT_FINAL_ANSWER_PROMPT);
    }

    const hf = await cli(
      'export',
      'r',
      '--strategy',
      'reasoning',
      '--format',
      'hf-chat',
      '--out',
      'hf.jsonl',
      '--split',
      'test',
    );
    expect(hf.code, hf.stderr).toBe(0);
    expect(hf.stdout).toMatch(
      /^Wrote 2 examples from 2 samples to hf\.jsonl \(.+; hf-chat, reasoning, split test of r\)$/m,
    );
    expect(hf.stdout).toContain('Call the fine-tune with: reasoning flow');
    for (const { messages } of readJsonl('hf.jsonl')) {
      expect(typeof messages[2]!.reasoning_content).toBe('string');
    }

    const final = await cli(
      'export',
      'everything',
      '--strategy',
      'final-only',
      '--format',
      'together',
      '--out',
      'final.jsonl',
      '--system',
      'Answer.',
      '--json',
    );
    expect(JSON.parse(final.stdout)).toMatchObject({
      flow: 'single',
      prompt: { system: 'Answer.' },
      examples: 9,
    });
    for (const { messages } of readJsonl('final.jsonl')) {
      expect(messages).toHaveLength(3);
      expect(messages[0]).toEqual({ role: 'system', content: 'Answer.' });
      expect(Object.keys(messages[2]!)).toEqual(['role', 'content']);
    }
  });

  it('r1 in the student family’s inline markers (--parser, --model) parses back with that family’s parser', async () => {
    const r1 = await cli('export', 'r', '--strategy', 'reasoning', '--format', 'r1', '--out', 'base.jsonl');
    expect(r1.code, r1.stderr).toBe(0);
    // The default layout, split by deepseek-r1: the reference reasoning and answer of each sample.
    const reference = readJsonl('base.jsonl').map(({ messages }) =>
      parseReasoning(deepseekR1, messages[2]!.content, { trim: true }),
    );
    const families = [
      { flag: ['--parser', 'magistral'], parser: magistral, open: '[THINK]\n', close: '\n[/THINK]\n\n' },
      {
        flag: ['--model', 'moonshotai/Kimi-VL-A3B-Thinking-2506'],
        parser: kimiVl,
        open: '◁think▷\n',
        close: '\n◁/think▷\n\n',
      },
      {
        flag: ['--model', 'ByteDance-Seed/Seed-OSS-36B-Instruct'],
        parser: seedOss,
        open: '<seed:think>\n',
        close: '\n</seed:think>\n\n',
      },
    ];
    for (const { flag, parser, open, close } of families) {
      const file = `${parser.id}.jsonl`;
      const run = await cli(
        'export',
        'r',
        '--strategy',
        'reasoning',
        '--format',
        'r1',
        ...flag,
        '--out',
        file,
        '--json',
      );
      expect(run.code, run.stderr).toBe(0);
      expect(JSON.parse(run.stdout)).toMatchObject({ parser: parser.id, layout: 'think-tags' });
      const records = readJsonl(file);
      expect(records).toHaveLength(reference.length);
      records.forEach(({ messages }, i) => {
        const content = messages[2]!.content;
        expect(content.startsWith(open)).toBe(true);
        expect(content).toContain(close);
        expect(content).not.toContain('<think>');
        expect(parseReasoning(parser, content, { trim: true })).toEqual(reference[i]);
      });
    }
    // The same round trip through `distill parse`, as a user would check one line.
    const line = readJsonl('magistral.jsonl')[0]!.messages[2]!.content;
    const parsed = await runCli(['parse', '--parser', 'magistral', '--trim', '--json'], { stdin: line });
    expect(JSON.parse(parsed.stdout)).toMatchObject({
      reasoning: reference[0]!.reasoning,
      content: reference[0]!.content,
      truncated: false,
    });
  });

  it('refuses inline markers for a family without them or a format that is not inline, writing nothing', async () => {
    const harmony = await cli(
      'export',
      'r',
      '--strategy',
      'reasoning',
      '--format',
      'r1',
      '--model',
      'openai/gpt-oss-120b',
      '--out',
      'gpt-oss.jsonl',
    );
    expect(harmony.code, harmony.stderr).toBe(2);
    expect(harmony.stderr).toContain('Parser "gpt-oss" (--model openai/gpt-oss-120b) has no inline layout');
    expect(harmony.stderr).toContain('hint: Export with --format hf-chat');
    const together = await cli(
      'export',
      'r',
      '--strategy',
      'reasoning',
      '--format',
      'together',
      '--parser',
      'magistral',
      '--out',
      'together-magistral.jsonl',
    );
    expect(together.code, together.stderr).toBe(2);
    expect(together.stderr).toContain('format together does not write reasoning inline');
    const unknown = await cli(
      'export',
      'r',
      '--strategy',
      'reasoning',
      '--format',
      'r1',
      '--model',
      'acme/plain-chat-7b',
      '--out',
      'unknown.jsonl',
    );
    expect(unknown.code, unknown.stderr).toBe(2);
    expect(unknown.stderr).toContain('No reasoning parser is known for model "acme/plain-chat-7b".');
    for (const file of ['gpt-oss.jsonl', 'together-magistral.jsonl', 'unknown.jsonl'])
      expect(existsSync(path.join(project.dir, file))).toBe(false);
  });

  it('fails a reasoning export over samples without reasoning and writes nothing', async () => {
    const shown = JSON.parse((await cli('dataset', 'show', 'everything', '--json')).stdout);
    const split = (shown.splits.train as string[]).includes('no-reasoning') ? 'train' : 'test';
    const run = await cli(
      'export',
      'everything',
      '--split',
      split,
      '--strategy',
      'reasoning',
      '--format',
      'r1',
      '--out',
      'bad.jsonl',
      '--json',
    );
    expect(run.code, run.stderr).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain(
      `error: Cannot export split "${split}" of dataset "everything" with the reasoning strategy: 1 sample has no reasoning: no-reasoning.`,
    );
    expect(run.stderr).toContain('hint: A reasoning model must be trained on reasoning');
    expect(existsSync(path.join(project.dir, 'bad.jsonl'))).toBe(false);
  });

  it('rejects preference exports without pairs, unknown formats and unknown datasets', async () => {
    const pref = await cli(
      'export',
      'r',
      '--strategy',
      'final-only',
      '--format',
      'together-preference',
      '--out',
      'p.jsonl',
    );
    expect(pref.code, pref.stderr).toBe(2);
    expect(pref.stderr).toContain('has a rejected output, so there is no preference pair to write.');
    const format = await cli(
      'export',
      'r',
      '--strategy',
      'final-only',
      '--format',
      'alpaca',
      '--out',
      'p.jsonl',
    );
    expect(format.code, format.stderr).toBe(2);
    expect(format.stderr).toContain("argument 'alpaca' is invalid");
    const missing = await cli(
      'export',
      'nope',
      '--strategy',
      'final-only',
      '--format',
      'openai',
      '--out',
      'p.jsonl',
    );
    expect(missing.stderr).toContain('No dataset named "nope".');
    expect(existsSync(path.join(project.dir, 'p.jsonl'))).toBe(false);
  });
});
