import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { InputError, UserError } from '@distillery/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openSampleStore, type SqliteSampleStore } from '../store/open-sample-store';
import { thinkParser } from './__fixtures__/think-parser';
import { ImportError } from './import-error';
import { type ImportOptions, importSamples } from './import-samples';

const fixtures = fileURLToPath(new URL('./__fixtures__/', import.meta.url));
const repoRoot = fileURLToPath(new URL('../../../../', import.meta.url));
const gsm8kTrain = path.resolve(repoRoot, 'examples/gsm8k/data/train.jsonl');

let dir: string;
let store: SqliteSampleStore;
let ids: number;

beforeEach(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'distill-import-'));
  store = await openSampleStore({ dir: path.join(dir, '.distill') });
  ids = 0;
});

afterEach(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

function run(options: Partial<ImportOptions> & { file: string }) {
  return importSamples(
    {
      store,
      cwd: fixtures,
      now: () => new Date('2025-06-01T00:00:00.000Z'),
      createId: () => `id-${++ids}`,
    },
    { taskId: 'task-1', ...options },
  );
}

async function importError(promise: Promise<unknown>): Promise<ImportError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!ImportError.isInstance(error)) throw new Error(`expected an ImportError, got ${String(error)}`);
  return error;
}

function writeTemp(name: string, text: string): string {
  const file = path.join(dir, name);
  writeFileSync(file, text);
  return file;
}

describe('importSamples: GSM8K', () => {
  it('separates reasoning from the final answer and removes calculator annotations', async () => {
    const result = await run({ file: 'gsm8k-3.jsonl', tags: ['train'] });
    expect(result).toEqual({
      file: 'gsm8k-3.jsonl',
      format: 'gsm8k',
      records: 3,
      imported: 3,
      skippedDuplicates: 0,
      tags: ['import', 'format:gsm8k', 'train'],
      dryRun: false,
    });
    const first = await store.get('id-1');
    expect(first).toMatchObject({
      taskId: 'task-1',
      input: expect.stringMatching(/^Natalia sold clips to 48 of her friends/),
      output: { content: '72' },
      reasoning: {
        text: 'Natalia sold 48/2 = 24 clips in May.\nNatalia sold 48+24 = 72 clips altogether in April and May.',
        origin: 'import',
        truncated: false,
      },
      source: { type: 'import', file: 'gsm8k-3.jsonl', line: 1, format: 'gsm8k' },
      tags: ['import', 'format:gsm8k', 'train'],
      createdAt: '2025-06-01T00:00:00.000Z',
    });
    expect((await store.get('id-2'))?.output.content).toBe('10');
  });

  it('keeps calculator annotations when asked', async () => {
    await run({ file: 'gsm8k-3.jsonl', keepCalculatorAnnotations: true });
    expect((await store.get('id-1'))?.reasoning?.text).toContain('48/2 = <<48/2=24>>24 clips');
  });

  it('imports nothing from a broken file and names every bad line', async () => {
    const error = await importError(run({ file: 'gsm8k-broken.jsonl' }));
    expect(error.problems.map((p) => [p.line, p.reason])).toEqual([
      [2, expect.stringMatching(/^invalid JSON/)],
      [4, '"answer" has no "#### <final answer>" line'],
      [5, 'expected a JSON object, found an array'],
      [6, 'missing "question"'],
      [7, '"answer" has nothing after "####"'],
    ]);
    expect(error.message).toMatch(
      /^gsm8k-broken\.jsonl: 5 bad records; nothing was imported\.\n {2}gsm8k-broken\.jsonl:2: invalid JSON/,
    );
    expect(error.location).toBe('gsm8k-broken.jsonl:2');
    expect(error.exitCode).toBe(2);
    expect(UserError.isInstance(error) && error instanceof InputError).toBe(true);
    expect(await store.count()).toBe(0);
  });

  it('caps the message but keeps every problem', async () => {
    const file = writeTemp('many.jsonl', `${'{"question": "q", "answer": "no final"}\n'.repeat(25)}`);
    const error = await importError(run({ file, format: 'gsm8k' }));
    expect(error.problems).toHaveLength(25);
    expect(error.message.split('\n')).toHaveLength(1 + 10 + 1);
    expect(error.message).toContain('... and 15 more');
  });

  it('skips duplicates when the same file is imported again', async () => {
    await run({ file: 'gsm8k-3.jsonl' });
    const again = await run({ file: 'gsm8k-3.jsonl' });
    expect(again).toMatchObject({ records: 3, imported: 0, skippedDuplicates: 3 });
    expect(await store.count()).toBe(3);
    const otherTask = await run({ file: 'gsm8k-3.jsonl', taskId: 'task-2' });
    expect(otherTask.imported).toBe(3);
  });

  it('writes nothing on a dry run but reports the counts', async () => {
    const result = await run({ file: 'gsm8k-3.jsonl', dryRun: true });
    expect(result).toMatchObject({ imported: 3, dryRun: true });
    expect(await store.count()).toBe(0);
  });

  it.skipIf(!existsSync(gsm8kTrain))(
    'imports the full GSM8K train split with reasoning and answer apart',
    async () => {
      const result = await importSamples({ store, cwd: repoRoot }, { file: gsm8kTrain, taskId: 'gsm8k' });
      expect(result).toMatchObject({ format: 'gsm8k', records: 7473, imported: 7473, skippedDuplicates: 0 });
      expect(
        await store.count({ taskId: 'gsm8k', filter: { hasReasoning: true, tags: ['format:gsm8k'] } }),
      ).toBe(7473);
      const ids = await store.ids({ taskId: 'gsm8k' });
      for (let i = 0; i < ids.length; i += 1000) {
        const samples = await store.getMany(ids.slice(i, i + 1000));
        for (const sample of samples) {
          expect(sample.output.content).toMatch(/^-?[\d,]*\.?\d+$/);
          expect(sample.reasoning?.text).not.toMatch(/####|<<|>>/);
          expect(sample.reasoning?.text.trim()).toBe(sample.reasoning?.text);
          expect(sample.source).toMatchObject({
            type: 'import',
            file: path.relative(repoRoot, gsm8kTrain),
            format: 'gsm8k',
          });
        }
      }
      const again = await importSamples({ store, cwd: repoRoot }, { file: gsm8kTrain, taskId: 'gsm8k' });
      expect(again).toMatchObject({ imported: 0, skippedDuplicates: 7473 });
    },
    120_000,
  );
  if (!existsSync(gsm8kTrain))
    it.skip(`GSM8K train split not found at ${gsm8kTrain}; full-file import not checked`);
});

describe('importSamples: chat JSONL', () => {
  it('keeps the last user turn as input, earlier turns as trace, reasoning from fields or parsed tags', async () => {
    const result = await run({ file: 'chat.jsonl', parser: thinkParser });
    expect(result).toMatchObject({ format: 'chat', imported: 3 });
    expect(await store.get('id-1')).toMatchObject({
      input: 'What is 6*7?',
      output: { content: '42' },
      reasoning: { text: 'Six sevens are forty-two.', origin: 'import' },
      trace: [{ role: 'system', content: 'You are a math tutor.' }],
    });
    expect((await store.get('id-2'))?.reasoning?.text).toBe("France's capital is Paris.");
    expect(await store.get('id-3')).toMatchObject({
      input: 'What is 1+1?',
      output: { content: '2' },
      reasoning: { text: 'One plus one.', origin: 'parsed-tags', truncated: false },
      trace: [
        { role: 'user', content: 'Hi' },
        { role: 'assistant', content: 'Hello!' },
      ],
    });
  });

  it('reports inline <think> without a parser and every other bad conversation', async () => {
    const error = await importError(run({ file: 'chat-broken.jsonl' }));
    expect(error.problems.map((p) => `${p.line}: ${p.reason}`)).toEqual([
      '1: messages[1] has inline <think> reasoning in its content; pass a reasoning parser (e.g. --parser deepseek-r1) to split it',
      '2: "messages" needs at least a user message and an assistant answer',
      "3: the last message is a user message; expected the assistant's answer",
      '4: messages[0] has role "tool"; expected system, user or assistant',
      '5: "messages" must be an array, not string',
      '6: messages[1] has an empty answer',
    ]);
    expect(await store.count()).toBe(0);
  });
});

describe('importSamples: prompt/completion and Together preference', () => {
  it('imports prompt/completion with field or inline reasoning', async () => {
    await run({ file: 'prompt-completion.jsonl', parser: thinkParser });
    expect(await store.get('id-1')).toMatchObject({ input: 'What is 6*7?', output: { content: '42' } });
    expect((await store.get('id-1'))?.reasoning?.text).toBe('Six sevens.');
    expect(await store.get('id-2')).toMatchObject({
      output: { content: '4' },
      reasoning: { text: 'Two and two.', origin: 'parsed-tags' },
    });
    expect((await store.get('id-3'))?.reasoning).toBeNull();
  });

  it('imports preference pairs: output from the preferred answer, rejected from the other', async () => {
    const error = await importError(run({ file: 'together-preference.jsonl' }));
    expect(error.problems).toEqual([
      {
        file: 'together-preference.jsonl',
        line: 3,
        reason: '"preferred_output" must hold exactly one assistant message, not 0',
      },
    ]);
    const good = writeTemp(
      'pref.jsonl',
      readFileSync(path.join(fixtures, 'together-preference.jsonl'), 'utf8')
        .split('\n')
        .slice(0, 2)
        .join('\n'),
    );
    ids = 0;
    const result = await run({ file: good });
    expect(result).toMatchObject({ format: 'together-preference', imported: 2 });
    expect(result.file).toBe(good);
    expect(await store.get('id-1')).toMatchObject({
      input: 'What is 6*7?',
      trace: [{ role: 'system', content: 'Be brief.' }],
      output: { content: '42' },
      reasoning: { text: '6*7=42', origin: 'import' },
      rejected: { content: '48', reasoning: '6*8=48' },
    });
    expect((await store.get('id-2'))?.rejected).toEqual({ content: 'Milan' });
  });
});

describe('importSamples: CSV', () => {
  it('parses quoted fields, embedded newlines and CRLF; tags and reasoning columns', async () => {
    const file = writeTemp(
      'data.csv',
      'Input,Output,Reasoning,Tags\r\n' +
        '"Say ""hi""",hi,,greeting\r\n' +
        '"Two\r\nlines","ok","think, then answer","a b"\r\n',
    );
    const result = await run({ file, tags: ['csv_batch'] });
    expect(result).toMatchObject({ format: 'csv', records: 2, imported: 2 });
    expect(await store.get('id-1')).toMatchObject({
      input: 'Say "hi"',
      output: { content: 'hi' },
      reasoning: null,
      tags: ['import', 'format:csv', 'csv_batch', 'greeting'],
      source: { line: 2 },
    });
    expect(await store.get('id-2')).toMatchObject({
      input: 'Two\nlines',
      reasoning: { text: 'think, then answer', origin: 'import' },
      tags: ['import', 'format:csv', 'csv_batch', 'a', 'b'],
      source: { line: 3 },
    });
  });

  it('reports bad rows with the line they start on, and a bad header', async () => {
    const file = writeTemp(
      'bad.csv',
      'input,output\nfine,yes\n"multi\nline",,\n,empty input\n"x"y,z\n"never closed,\n',
    );
    const error = await importError(run({ file }));
    expect(error.problems.map((p) => `${p.line}: ${p.reason}`)).toEqual([
      '3: expected 2 fields (as in the header), found 3',
      '5: "input" is empty',
      expect.stringMatching(/^6: unexpected "y" after a closing quote/),
      '7: a quoted field is never closed (missing ")',
    ]);
    const header = writeTemp('header.csv', 'input,reasonning\nq,r\n');
    expect((await importError(run({ file: header }))).problems[0]?.reason).toBe(
      'bad header: missing column "output"; unknown column "reasonning" (known: input, output, reasoning, chain_of_thought, tags)',
    );
    expect(await store.count()).toBe(0);
  });
});

describe('importSamples: detection and input checks', () => {
  it('detects the format from the first record and honours an override', async () => {
    const noExt = writeTemp('data', '\n{"prompt": "p", "completion": "c"}\n');
    expect((await run({ file: noExt })).format).toBe('prompt-completion');
    const csvNoExt = writeTemp('table.txt', 'input,output\nq,a\n');
    expect((await run({ file: csvNoExt })).format).toBe('csv');
    const unknown = writeTemp('odd.jsonl', '{"text": "hello"}\n');
    const error = await importError(run({ file: unknown }));
    expect(error.problems[0]?.reason).toBe(
      'cannot tell the format from the keys of the first record ("text")',
    );
    expect(error.advice).toMatch(/--format/);
    const forced = await importError(run({ file: 'gsm8k-3.jsonl', format: 'chat' }));
    expect(forced.problems).toHaveLength(3);
  });

  it('rejects a missing file and bad tags before reading', async () => {
    const missing = await run({ file: 'nope.jsonl' }).catch((e: unknown) => e);
    expect(InputError.isInstance(missing) && missing.location).toBe('nope.jsonl');
    await expect(run({ file: 'gsm8k-3.jsonl', tags: ['two words'] })).rejects.toThrow(
      /cannot be empty or contain spaces/,
    );
  });

  it('rolls back when aborted mid-file', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(
      importSamples(
        { store, cwd: fixtures, signal: controller.signal },
        { file: 'gsm8k-3.jsonl', taskId: 't' },
      ),
    ).rejects.toThrow();
    expect(await store.count()).toBe(0);
  });
});
