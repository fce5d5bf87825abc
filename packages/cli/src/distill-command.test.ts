import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { expectUserError } from './__fixtures__/expect-user-error';
import { runCli } from './__fixtures__/run-cli';

const dir = mkdtempSync(path.join(os.tmpdir(), 'distill-flags-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const cli = (args: string[]) => runCli(args, { cwd: dir });

describe('flags and commands every distill command shares', { timeout: 60_000 }, () => {
  it.each([
    [['generate', '--taks', 'double'], 'unknown option --taks; did you mean --task?', 'distill generate'],
    [
      ['samples', 'list', '--limt', '3'],
      'unknown option --limt; did you mean --limit?',
      'distill samples list',
    ],
    [
      ['import', 'x.jsonl', '--task', 't', '--dryrun'],
      'unknown option --dryrun; did you mean --dry-run?',
      'distill import',
    ],
    [
      ['check', 'x.jsonl', '--backed', 'openai'],
      'unknown option --backed; did you mean --backend?',
      'distill check',
    ],
    [
      ['export', 'd', '--stratgy', 'reasoning'],
      'unknown option --stratgy; did you mean --strategy?',
      'distill export',
    ],
    [
      ['run', '--modle', 'm', '--input', 'hi'],
      'unknown option --modle; did you mean --model?',
      'distill run',
    ],
    [['--verbsoe', 'plugins'], 'unknown option --verbsoe; did you mean --verbose?', 'distill'],
    [['plugins', '--jsno'], 'unknown option --jsno; did you mean --json?', 'distill plugins'],
    [
      ['import', 'x.jsonl', '--task', 't', '--zzz'],
      'unknown option --zzz for `distill import`.',
      'distill import',
    ],
  ])('%j names the flag and the closest one', async (args, message, command) => {
    const lines = expectUserError(await cli(args), 2, message);
    expect(lines[1]).toBe(`  hint: Run \`${command} --help\` to see what it takes.`);
  });

  it('names a misspelt command and suggests the right one, at every level', async () => {
    expectUserError(await cli(['genrate']), 2, 'unknown command "genrate"; did you mean distill generate?');
    expectUserError(
      await cli(['samples', 'lst']),
      2,
      'unknown command "lst"; did you mean distill samples list?',
    );
  });

  it('reports commander usage errors through the error boundary, once', async () => {
    expectUserError(await cli(['import', 'x.jsonl']), 2, "required option '--task <id>' not specified.");
    expectUserError(
      await cli(['import', 'x.jsonl', '--task', 't', '--format', 'xml']),
      2,
      /^error: option '--format <format>' argument 'xml' is invalid\. Allowed choices are gsm8k, /,
    );
    expectUserError(await cli(['init', 'a', 'b', 'c']), 2, /^error: too many arguments for 'init'/);
  });

  it('a command group without its subcommand shows help and fails', async () => {
    const run = await cli(['dataset']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('Usage: distill dataset');
  });

  it.each([
    [['samples', 'list', '--limit', '0'], '--limit must be a whole number from 1 to 10000, got "0".'],
    [['samples', 'list', '--min-rating', '9'], '--min-rating must be a whole number from 1 to 5, got "9".'],
    [
      ['generate', '--task', 't', '--inputs', 'x', '--concurrency', '0'],
      '--concurrency must be a whole number from 1 to 1024, got "0".',
    ],
    [
      ['generate', '--task', 't', '--inputs', 'x', '--max-cost', '-1'],
      '--max-cost must be a number > 0, got "-1".',
    ],
    [
      ['generate', '--task', 't', '--topics', '2.5', '--per-topic', '1'],
      '--topics must be a whole number > 0, got "2.5".',
    ],
    [
      ['check', 'x.jsonl', '--max-seq-length', 'lots'],
      '--max-seq-length must be a whole number > 0, got "lots".',
    ],
    [
      ['run', '--provider', 'openai', '--model', 'm', '--temperature', '7', '--input', 'hi'],
      '--temperature must be a number from 0 to 2, got "7".',
    ],
    [
      ['run', '--provider', 'openai', '--model', 'm', '--max-tokens', '0', '--input', 'hi'],
      '--max-tokens must be a whole number > 0, got "0".',
    ],
    [['web', '--port', '70000'], '--port must be a whole number from 0 to 65535, got "70000".'],
  ])('%j range-checks the number with the flag name', async (args, message) => {
    expectUserError(await cli(args), 2, message);
    expect(readdirSync(dir)).toEqual([]);
  });
});
