import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { InputError } from '@distillery/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { readGenerationInputs } from './read-generation-inputs';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'gen-inputs-'));
});

async function file(name: string, text: string): Promise<string> {
  const full = path.join(dir, name);
  await writeFile(full, text);
  return full;
}

describe('readGenerationInputs', () => {
  it('reads JSONL strings, {input}, GSM8K {question} and object inputs as JSON, skipping blank lines', async () => {
    const f = await file(
      'a.jsonl',
      '"one"\n\n{"input":"two"}\r\n{"question":"three","answer":"#### 3"}\n{"input":{"a":1}}\n',
    );
    const read = await readGenerationInputs(f);
    expect(read.format).toBe('jsonl');
    expect(read.inputs).toEqual([
      { input: 'one', line: 1 },
      { input: 'two', line: 3 },
      { input: 'three', line: 4 },
      { input: '{"a":1}', line: 5 },
    ]);
  });

  it('reads plain text one input per non-blank line', async () => {
    const f = await file('b.txt', 'What is 2+2?\n\n  How many legs has a spider?\n');
    const read = await readGenerationInputs(f);
    expect(read.format).toBe('text');
    expect(read.inputs.map((i) => [i.input, i.line])).toEqual([
      ['What is 2+2?', 1],
      ['  How many legs has a spider?', 3],
    ]);
  });

  it('detects JSONL by its first line when the extension says nothing', async () => {
    const f = await file('c.data', '{"input":"x"}\n{"input":"y"}\n');
    expect((await readGenerationInputs(f)).inputs.map((i) => i.input)).toEqual(['x', 'y']);
  });

  it('reports every bad line as file:line: reason', async () => {
    const f = await file('d.jsonl', '"ok"\n{bad\n42\n{"answer":"x"}\n""\n');
    const error = await readGenerationInputs(f, 'd.jsonl').catch((e: unknown) => e);
    expect(InputError.isInstance(error)).toBe(true);
    const message = (error as InputError).message;
    expect(message).toContain('4 bad lines');
    expect(message).toContain('d.jsonl:2: invalid JSON');
    expect(message).toContain('d.jsonl:3: expected a JSON string or an object with "input"');
    expect(message).toContain('d.jsonl:4: the object has no "input" field');
    expect(message).toContain('d.jsonl:5: the input is empty');
    expect((error as InputError).location).toBe('d.jsonl:2');
  });

  it('says so when the file is missing or empty', async () => {
    await expect(readGenerationInputs(path.join(dir, 'nope.txt'), 'nope.txt')).rejects.toThrow(
      'File not found: nope.txt.',
    );
    await expect(readGenerationInputs(dir, 'inputs')).rejects.toThrow('inputs is a folder, not a file.');
    await expect(readGenerationInputs(await file('z.txt', ''), 'z.txt')).rejects.toThrow(
      'z.txt is empty: there are no inputs to generate from.',
    );
    await expect(readGenerationInputs(await file('e.txt', '\n\n'), 'e.txt')).rejects.toThrow('has no inputs');
  });

  it('refuses a file that is not UTF-8, naming the line, whatever the line endings', async () => {
    for (const eol of ['\n', '\r\n', '\r']) {
      const bytes = Buffer.concat([
        Buffer.from(`one${eol}two${eol}thr`),
        Buffer.from([0xc3, 0x28]),
        Buffer.from(`ee${eol}`),
      ]);
      const name = `latin${eol.length}${eol === '\r' ? 'cr' : ''}.txt`;
      await writeFile(path.join(dir, name), bytes);
      const error = await readGenerationInputs(path.join(dir, name), name).catch((e: unknown) => e);
      expect((error as InputError).message).toBe(
        `${name} is not UTF-8 text: line 3 holds a byte that is not valid UTF-8; nothing was generated.`,
      );
      expect((error as InputError).location).toBe(`${name}:3`);
    }
  });
});
