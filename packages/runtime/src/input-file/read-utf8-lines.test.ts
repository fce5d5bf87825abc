import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { InputError } from '@distillery/core/contracts';
import { beforeAll, describe, expect, it } from 'vitest';
import { readInputLines, splitLines } from './read-utf8-lines';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'utf8-lines-'));
});

async function lines(name: string, bytes: Buffer): Promise<string[]> {
  await writeFile(path.join(dir, name), bytes);
  const out: string[] = [];
  for await (const line of readInputLines(path.join(dir, name), { shownAs: name })) out.push(line);
  return out;
}

async function* chunks(...parts: string[]) {
  yield* parts;
}

describe('readInputLines', () => {
  it('splits LF, CRLF and lone CR, also when a CRLF is cut between chunks, and drops a BOM', async () => {
    const collect = async (it: AsyncIterable<string>) => {
      const out: string[] = [];
      for await (const line of it) out.push(line);
      return out;
    };
    expect(await collect(splitLines(chunks('a\r', '\nb\rc\n', '', 'd')))).toEqual(['a', 'b', 'c', 'd']);
    expect(await collect(splitLines(chunks('a\r')))).toEqual(['a']);
    expect(await lines('bom.txt', Buffer.from('\uFEFFx\r\ny\n'))).toEqual(['x', 'y']);
  });

  it('names the line of a bad byte far into a big file (read in several chunks), multi-byte text intact', async () => {
    const good = 'é€😀 ok\n'.repeat(20_000); // ~260 KB: several 64 KiB reads, characters cut between them
    const bytes = Buffer.concat([
      Buffer.from(good),
      Buffer.from('bad '),
      Buffer.from([0xff]),
      Buffer.from('\n'),
    ]);
    const error = await lines('big.txt', bytes).catch((e: unknown) => e);
    expect(InputError.isInstance(error)).toBe(true);
    expect((error as InputError).location).toBe('big.txt:20001');
    const fine = await lines('fine.txt', Buffer.from(good));
    expect(fine).toHaveLength(20_000);
    expect(new Set(fine)).toEqual(new Set(['é€😀 ok']));
  });

  it('names the last line when the file ends inside a multi-byte character', async () => {
    const error = await lines(
      'cut.txt',
      Buffer.concat([Buffer.from('a\nb'), Buffer.from([0xe2, 0x82])]),
    ).catch((e: unknown) => e);
    expect((error as InputError).location).toBe('cut.txt:2');
  });

  it('says plainly that a file is missing or a folder', async () => {
    await expect(readInputLines(path.join(dir, 'nope'), { shownAs: 'nope' }).next()).rejects.toThrow(
      'File not found: nope.',
    );
    await expect(readInputLines(dir, { shownAs: 'the folder' }).next()).rejects.toThrow(
      'the folder is a folder, not a file.',
    );
  });
});
