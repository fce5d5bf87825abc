import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { type DatasetSnapshot, InputError, type SampleFilter } from '@distillery/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTestProject, type TestProject } from '../dataset/__fixtures__/test-project';
import { createDataset } from '../dataset/create-dataset';
import { EXPORT_SAMPLES } from './__fixtures__/export-samples';
import { exportDataset } from './export-dataset';
import type { ExportFormatId } from './export-format';
import { MissingReasoningError } from './missing-reasoning-error';

let project: TestProject;
let names = 0;

beforeEach(async () => {
  project = await openTestProject();
  await project.store.insertMany(EXPORT_SAMPLES);
});
afterEach(async () => {
  await project.cleanup();
});

async function dataset(filter: SampleFilter = {}, split: Record<string, number> = { train: 1 }) {
  return createDataset(project.session, project.store, {
    taskId: 'math',
    name: `d${++names}`,
    filter,
    split,
    seed: 1,
  });
}

function readLines(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  expect(text.endsWith('\n')).toBe(true);
  return text.slice(0, -1).split('\n');
}

/** The expected lines in the order the split holds the samples. */
function inSplitOrder(ds: DatasetSnapshot, byId: Record<string, unknown[]>): string[] {
  return ds.splits.train!.flatMap((id) => (byId[id] ?? []).map((record) => JSON.stringify(record)));
}

async function run(
  ds: DatasetSnapshot,
  format: ExportFormatId,
  strategy: 'final-only' | 'reasoning',
  out = 'out.jsonl',
) {
  const result = await exportDataset(project.session, project.store, { dataset: ds, format, strategy, out });
  return { result, lines: readLines(path.join(project.dir, out)) };
}

const sys = (content: string) => ({ role: 'system', content });
const user = (content: string) => ({ role: 'user', content });
const bot = (content: string, extra: Record<string, unknown> = {}) => ({
  role: 'assistant',
  content,
  ...extra,
});
const STRUCTURED = '{"answer":50,"unit":"USD"}';
const BETTY = 'Betty has $50 and needs $100. How much more?';

describe('exportDataset: final only', () => {
  const chat = (system: string) => ({
    single: [{ messages: [sys(system), user('What is 6*7?'), bot('42')] }],
    multi: [
      { messages: [sys(system), user('Hi'), bot('Hello!')] },
      { messages: [sys(system), user('Hi'), bot('Hello!'), user('What is 1+1?'), bot('2')] },
    ],
    structured: [{ messages: [sys(system), user(BETTY), bot(STRUCTURED)] }],
    bare: [{ messages: [sys(system), user('Capital of France?'), bot('Paris')] }],
  });

  it.each(['together', 'r1', 'hf-chat'] as const)(
    '%s: the answer alone, one line per assistant turn',
    async (format) => {
      const ds = await dataset();
      const { result, lines } = await run(ds, format, 'final-only');
      expect(lines).toEqual(inSplitOrder(ds, chat('Solve it.')));
      expect(result).toMatchObject({
        examples: 5,
        samples: 4,
        skipped: 0,
        skippedTurns: 0,
        truncatedReasoning: 0,
        prompt: { system: 'Solve it.' },
        flow: 'single',
      });
      expect(result.prompt).toEqual({ system: 'Solve it.' });
      expect(result.parser).toBeUndefined();
      expect(result.layout).toBeUndefined();
    },
  );

  it('openai: earlier assistant turns of a multi-turn sample carry weight 0', async () => {
    const ds = await dataset();
    const { lines } = await run(ds, 'openai', 'final-only');
    const expected = chat('Solve it.');
    expected.multi[1] = {
      messages: [sys('Solve it.'), user('Hi'), bot('Hello!', { weight: 0 }), user('What is 1+1?'), bot('2')],
    };
    expect(lines).toEqual(inSplitOrder(ds, expected));
  });

  it('together-preference: pairs from samples with a rejected output, the rest skipped and counted', async () => {
    const ds = await dataset();
    const { result, lines } = await run(ds, 'together-preference', 'final-only');
    expect(lines).toEqual([
      '{"input":{"messages":[{"role":"system","content":"Solve it."},{"role":"user","content":"What is 6*7?"}]},"preferred_output":[{"role":"assistant","content":"42"}],"non_preferred_output":[{"role":"assistant","content":"48"}]}',
    ]);
    expect(result).toMatchObject({ examples: 1, samples: 1, skipped: 3, skippedBy: { 'no-rejected': 3 } });
  });
});

describe('exportDataset: reasoning', () => {
  const R = 'Solve it.\n\nShow your work.';

  it('together: reasoning in the "reasoning" field, system text plus thinking instruction', async () => {
    const ds = await dataset({ hasReasoning: true });
    const { result, lines } = await run(ds, 'together', 'reasoning');
    expect(lines).toEqual(
      inSplitOrder(ds, {
        single: [
          { messages: [sys(R), user('What is 6*7?'), bot('42', { reasoning: 'Six sevens are 42.' })] },
        ],
        multi: [
          { messages: [sys(R), user('Hi'), bot('Hello!', { reasoning: 'Greet back.' })] },
          {
            messages: [
              sys(R),
              user('Hi'),
              bot('Hello!'),
              user('What is 1+1?'),
              bot('2', { reasoning: 'One plus one.' }),
            ],
          },
        ],
        structured: [
          { messages: [sys(R), user(BETTY), bot(STRUCTURED, { reasoning: '\n  100 - 50 = 50.  \n' })] },
        ],
      }),
    );
    expect(result).toMatchObject({
      examples: 4,
      samples: 3,
      skipped: 0,
      truncatedReasoning: 1,
      prompt: { system: 'Solve it.', thinkingInstruction: 'Show your work.' },
      flow: 'reasoning',
      layout: 'reasoning-field',
    });
    expect(result.parser).toBeUndefined();
  });

  it('hf-chat: reasoning in "reasoning_content"', async () => {
    const ds = await dataset({ hasReasoning: true });
    const { result, lines } = await run(ds, 'hf-chat', 'reasoning');
    expect(lines).toEqual(
      inSplitOrder(ds, {
        single: [
          {
            messages: [sys(R), user('What is 6*7?'), bot('42', { reasoning_content: 'Six sevens are 42.' })],
          },
        ],
        multi: [
          { messages: [sys(R), user('Hi'), bot('Hello!', { reasoning_content: 'Greet back.' })] },
          {
            messages: [
              sys(R),
              user('Hi'),
              bot('Hello!'),
              user('What is 1+1?'),
              bot('2', { reasoning_content: 'One plus one.' }),
            ],
          },
        ],
        structured: [
          {
            messages: [sys(R), user(BETTY), bot(STRUCTURED, { reasoning_content: '\n  100 - 50 = 50.  \n' })],
          },
        ],
      }),
    );
    expect(result).toMatchObject({ flow: 'reasoning', layout: 'reasoning-field' });
  });

  it('r1: <think> tags before the answer, called back with the deepseek-r1 parser', async () => {
    const ds = await dataset({ hasReasoning: true });
    const { result, lines } = await run(ds, 'r1', 'reasoning');
    const byId: Record<string, string[]> = {
      single: [
        '{"messages":[{"role":"system","content":"Solve it.\\n\\nShow your work."},{"role":"user","content":"What is 6*7?"},{"role":"assistant","content":"<think>\\nSix sevens are 42.\\n</think>\\n\\n42"}]}',
      ],
      multi: [
        '{"messages":[{"role":"system","content":"Solve it.\\n\\nShow your work."},{"role":"user","content":"Hi"},{"role":"assistant","content":"<think>\\nGreet back.\\n</think>\\n\\nHello!"}]}',
        '{"messages":[{"role":"system","content":"Solve it.\\n\\nShow your work."},{"role":"user","content":"Hi"},{"role":"assistant","content":"Hello!"},{"role":"user","content":"What is 1+1?"},{"role":"assistant","content":"<think>\\nOne plus one.\\n</think>\\n\\n2"}]}',
      ],
      structured: [
        `{"messages":[{"role":"system","content":"Solve it.\\n\\nShow your work."},{"role":"user","content":${JSON.stringify(BETTY)}},{"role":"assistant","content":"<think>\\n100 - 50 = 50.\\n</think>\\n\\n{\\"answer\\":50,\\"unit\\":\\"USD\\"}"}]}`,
      ],
    };
    expect(lines).toEqual(ds.splits.train!.flatMap((id) => byId[id] ?? []));
    expect(result).toMatchObject({
      flow: 'reasoning',
      parser: 'deepseek-r1',
      layout: 'think-tags',
      prompt: { system: 'Solve it.', thinkingInstruction: 'Show your work.' },
    });
  });

  it('openai: the two-message chain of thought with both assistant turns trained', async () => {
    const ds = await dataset({ hasReasoning: true });
    const { result, lines } = await run(ds, 'openai', 'reasoning');
    const cot = (reasoning: string, answer: string) => [
      user('Show your work.'),
      bot(reasoning, { weight: 1 }),
      user('Considering the above, return a final result.'),
      bot(answer, { weight: 1 }),
    ];
    expect(lines).toEqual(
      inSplitOrder(ds, {
        single: [{ messages: [sys('Solve it.'), user('What is 6*7?'), ...cot('Six sevens are 42.', '42')] }],
        multi: [
          { messages: [sys('Solve it.'), user('Hi'), ...cot('Greet back.', 'Hello!')] },
          {
            messages: [
              sys('Solve it.'),
              user('Hi'),
              bot('Hello!', { weight: 0 }),
              user('What is 1+1?'),
              ...cot('One plus one.', '2'),
            ],
          },
        ],
        structured: [
          { messages: [sys('Solve it.'), user(BETTY), ...cot('\n  100 - 50 = 50.  \n', STRUCTURED)] },
        ],
      }),
    );
    expect(result).toMatchObject({
      flow: 'cot',
      layout: 'cot-messages',
      prompt: { system: 'Solve it.', thinkingInstruction: 'Show your work.' },
    });
  });

  it('openai: the default thinking instruction when neither task nor prompt has one', async () => {
    const ds = await dataset({ hasReasoning: true, tags: ['verified'] });
    const result = await exportDataset(project.session, project.store, {
      dataset: ds.name,
      strategy: 'reasoning',
      format: 'openai',
      out: 'cot.jsonl',
      prompt: { system: '' },
    });
    expect(readLines(path.join(project.dir, 'cot.jsonl'))).toEqual([
      JSON.stringify({
        messages: [
          user('What is 6*7?'),
          user('Think step by step, explaining your reasoning.'),
          bot('Six sevens are 42.', { weight: 1 }),
          user('Considering the above, return a final result.'),
          bot('42', { weight: 1 }),
        ],
      }),
    ]);
    expect(result.prompt).toEqual({
      system: '',
      thinkingInstruction: 'Think step by step, explaining your reasoning.',
    });
  });

  it('together-preference: reasoning on both sides when the rejected output has some', async () => {
    // The whole dataset: samples without a rejected output are skipped before the reasoning check.
    const ds = await dataset();
    const { result, lines } = await run(ds, 'together-preference', 'reasoning');
    expect(lines).toEqual([
      JSON.stringify({
        input: { messages: [sys(R), user('What is 6*7?')] },
        preferred_output: [bot('42', { reasoning: 'Six sevens are 42.' })],
        non_preferred_output: [bot('48', { reasoning: 'Six eights are 48.' })],
      }),
    ]);
    expect(result).toMatchObject({
      examples: 1,
      samples: 1,
      skipped: 3,
      flow: 'reasoning',
      layout: 'reasoning-field',
    });
  });

  it('skips earlier turns without reasoning, counting them', async () => {
    await project.store.insert({
      ...EXPORT_SAMPLES[1]!,
      id: 'multi-2',
      input: 'And 2+2?',
      trace: [
        { role: 'user', content: 'Hi' },
        { role: 'assistant', content: 'Hello!' },
      ],
    });
    const ds = await dataset({ text: '2+2' });
    const { result, lines } = await run(ds, 'together', 'reasoning');
    expect(lines).toEqual([
      JSON.stringify({
        messages: [
          sys(R),
          user('Hi'),
          bot('Hello!'),
          user('And 2+2?'),
          bot('2', { reasoning: 'One plus one.' }),
        ],
      }),
    ]);
    expect(result).toMatchObject({ examples: 1, samples: 1, skippedTurns: 1 });
  });
});

describe('exportDataset: failures write nothing', () => {
  it('fails a reasoning export over samples without reasoning, naming them', async () => {
    const ds = await dataset();
    const out = path.join(project.dir, 'keep.jsonl');
    writeFileSync(out, 'previous\n');
    const error = await exportDataset(project.session, project.store, {
      dataset: ds,
      strategy: 'reasoning',
      format: 'together',
      out: 'keep.jsonl',
    }).catch((e: unknown) => e);
    expect(MissingReasoningError.isInstance(error)).toBe(true);
    const missing = error as MissingReasoningError;
    expect(missing.sampleIds).toEqual(['bare']);
    expect(missing.message).toBe(
      `Cannot export split "train" of dataset "${ds.name}" with the reasoning strategy: 1 sample has no reasoning: bare.`,
    );
    expect(missing.advice).toContain('--filter has-reasoning');
    expect(readFileSync(out, 'utf8')).toBe('previous\n');
    expect(readdirSync(project.dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('names the first ten and counts the rest', async () => {
    await project.store.insertMany(
      Array.from({ length: 14 }, (_, i) => ({
        ...EXPORT_SAMPLES[3]!,
        id: `none-${String(i).padStart(2, '0')}`,
        input: `q${i}`,
      })),
    );
    const ds = await dataset({ hasReasoning: false });
    const error = (await exportDataset(project.session, project.store, {
      dataset: ds,
      strategy: 'reasoning',
      format: 'r1',
      out: 'x.jsonl',
    }).catch((e: unknown) => e)) as MissingReasoningError;
    expect(error.sampleIds).toHaveLength(15);
    expect(error.message).toMatch(/15 samples have no reasoning: (\S+, ){9}\S+ \(and 5 more\)\.$/);
    expect(existsSync(path.join(project.dir, 'x.jsonl'))).toBe(false);
  });

  it('rejects preference exports without any pair, unknown splits and empty splits', async () => {
    const noPairs = await dataset({ tags: ['nothing-like-it'] }).catch((e: unknown) => e);
    expect(InputError.isInstance(noPairs)).toBe(true);
    const multi = await dataset({ text: '1+1' });
    const none = (await run(multi, 'together-preference', 'final-only').catch(
      (e: unknown) => e,
    )) as InputError;
    expect(none.message).toBe(
      `No sample in split "train" of dataset "${multi.name}" has a rejected output, so there is no preference pair to write.`,
    );
    const split = await exportDataset(project.session, project.store, {
      dataset: multi,
      split: 'test',
      strategy: 'final-only',
      format: 'together',
      out: 'y.jsonl',
    }).catch((e: unknown) => e as InputError);
    expect((split as InputError).message).toBe(`Dataset "${multi.name}" has no split "test".`);
    expect((split as InputError).advice).toBe('Its splits: train.');
    const small = await dataset({}, { train: 0.9, test: 0.1 });
    const empty = (await exportDataset(project.session, project.store, {
      dataset: small,
      split: 'test',
      strategy: 'final-only',
      format: 'together',
      out: 'z.jsonl',
    }).catch((e: unknown) => e)) as InputError;
    expect(empty.message).toBe(`Split "test" of dataset "${small.name}" is empty.`);
    expect(readdirSync(project.dir).filter((f) => f.endsWith('.jsonl'))).toEqual([]);
  });

  it('reads the split in pages and reports deleted samples', async () => {
    await project.store.insertMany(
      Array.from({ length: 25 }, (_, i) => ({
        ...EXPORT_SAMPLES[0]!,
        id: `p-${String(i).padStart(2, '0')}`,
        input: `p${i}`,
      })),
    );
    const ds = await dataset({ tags: ['verified'] });
    await project.store.delete('p-07');
    const result = await exportDataset(project.session, project.store, {
      dataset: ds,
      strategy: 'final-only',
      format: 'together',
      out: 'sub/dir/paged.jsonl',
      pageSize: 4,
    });
    expect(result).toMatchObject({ examples: 25, samples: 25, skipped: 1, skippedBy: { deleted: 1 } });
    expect(readLines(path.join(project.dir, 'sub/dir/paged.jsonl'))).toHaveLength(25);
    expect(result.file).toBe(path.join(project.dir, 'sub/dir/paged.jsonl'));
    expect(result.bytes).toBe(readFileSync(result.file).length);
  });
});
