import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { type MockServer, startMockServer } from '@distillery/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectUserError } from './__fixtures__/expect-user-error';
import { doubleAnswer, generationProject, mockEnv, writeInputs } from './__fixtures__/generation-project';
import { BIN, runCli } from './__fixtures__/run-cli';

/**
 * A corpus of inputs users get wrong, across every command: each must end with one short
 * message (what, where, what to do), exit non-zero, no stack trace, and leave the store, the
 * output file and the provider untouched.
 */

const GSM8K = path.join(path.dirname(BIN), '../src/__fixtures__/gsm8k-5.jsonl');
const INVALID_UTF8 = Buffer.concat([
  Buffer.from('{"question": "q1", "answer": "#### 1"}\n{"question": "caf'),
  Buffer.from([0xe9]),
  Buffer.from('", "answer": "#### 2"}\n'),
]);

let server: MockServer;
let project: ReturnType<typeof generationProject>;
const file = (name: string) => path.join(project.dir, name);
const write = (name: string, content: string | Buffer) => writeFileSync(file(name), content);

/** Every file under .distill with a hash of its content (SQLite's -wal/-shm come and go). */
function storeSnapshot(): Record<string, string> {
  const dir = file('.distill');
  const out: Record<string, string> = {};
  for (const name of readdirSync(dir).sort()) {
    if (/-(wal|shm|journal)$/.test(name) || !statSync(path.join(dir, name)).isFile()) continue;
    out[name] = createHash('sha256')
      .update(readFileSync(path.join(dir, name)))
      .digest('hex');
  }
  return out;
}

const config = (body: string) => `export default {\n${body}\n};\n`;
const task = (extra = '') => `    { id: 'qa', name: 'QA', instruction: 'Answer.'${extra} },`;

beforeAll(async () => {
  server = await startMockServer();
  server.onChat(doubleAnswer);
  project = generationProject();
  // A store with samples and a dataset in it, and an existing output file.
  const seeded = await runCli(['import', GSM8K, '--task', 'double'], { cwd: project.dir });
  expect(seeded.code, seeded.stderr).toBe(0);
  const dataset = await runCli(['dataset', 'create', '--task', 'double', '--name', 'd1', '--seed', '1'], {
    cwd: project.dir,
  });
  expect(dataset.code, dataset.stderr).toBe(0);
  write('out.jsonl', 'KEEP\n');
  writeInputs(project.dir, 2);
  write('bad-utf8.jsonl', INVALID_UTF8);
  write('bad-utf8.txt', Buffer.concat([Buffer.from('line one\nline two \xff\n', 'latin1')]));
  write(
    'bad-utf8.csv',
    Buffer.concat([Buffer.from('input,output\na,b\n"caf'), Buffer.from([0xe9]), Buffer.from('",c\n')]),
  );
  write('empty.jsonl', '');
  write('blank.jsonl', '\n  \n\n');
  write('bad-json.jsonl', '{"question": "q", "answer": "#### 1"}\n{"question": \n');
  mkdirSync(file('folder.jsonl'));
  write('syntax.config.ts', config("  tasks: [\n    { id: 'qa', name: 'QA' instruction: 'Answer.' },\n  ],"));
  write(
    'throws.config.ts',
    `const env: Record<string, string> = {};\n${config('  dataDir: env.DATA!.trim(),')}`,
  );
  write('missing-import.config.ts', `import { dir } from './nowhere';\n${config('  dataDir: dir,')}`);
  write('unknown-key.config.ts', config('  plugin: [],'));
  write('no-default.config.mjs', 'export const config = {};\n');
  write(
    'task-key.config.ts',
    config(
      `  tasks: [\n${task()}\n    {\n      id: 'sum',\n      name: 'Sum',\n      instruction: 42,\n    },\n  ],`,
    ),
  );
  write('dup-task.config.ts', config(`  tasks: [\n${task()}\n${task()}\n  ],`));
  write(
    'dup-run.config.ts',
    config(
      `  tasks: [\n${task(", runConfigs: [\n      { name: 'r', provider: 'openai', model: 'a' },\n      { name: 'r', provider: 'openai', model: 'b' },\n    ]")}\n  ],`,
    ),
  );
  write('bad-id.config.ts', config("  tasks: [{ id: 'Bad Id', name: 'n', instruction: 'i' }],"));
});
afterAll(async () => {
  await server.close();
  project.cleanup();
});

interface Case {
  args: string[];
  code: number;
  message: RegExp;
  /** `location` line, when the message has one. */
  at?: RegExp;
  env?: Record<string, string>;
  /** Detail lines allowed after the first (default 2: location and hint). */
  lines?: number;
}

const where = (name: string, line?: string) =>
  new RegExp(`^  at ${path.sep === '/' ? '' : ''}.*${name.replace(/[.]/g, '\\.')}${line ? `:${line}` : ''}$`);

const CASES: Record<string, Case> = {
  // Config
  'config: syntax error': {
    args: ['--config', 'syntax.config.ts', 'samples', 'list'],
    code: 2,
    message: /^error: Config file syntax\.config\.ts has a syntax error: Unexpected token, expected ","\.$/,
    at: where('syntax.config.ts', '3:\\d+'),
    lines: 5,
  },
  'config: throws while loading': {
    args: ['--config', 'throws.config.ts', 'samples', 'list'],
    code: 2,
    message:
      /^error: Config file throws\.config\.ts threw an error while loading: Cannot read properties of undefined/,
    at: where('throws.config.ts', '3:\\d+'),
    lines: 5,
  },
  'config: missing import': {
    args: ['--config', 'missing-import.config.ts', 'plugins'],
    code: 2,
    message: /^error: Config file missing-import\.config\.ts imports \.\/nowhere, which cannot be found\.$/,
    at: where('missing-import.config.ts', '1'),
    lines: 4,
  },
  'config: unknown top-level key': {
    args: ['--config', 'unknown-key.config.ts', 'plugins'],
    code: 2,
    message: /^error: Invalid config at `\(root\)`: .*plugin/,
    at: where('unknown-key.config.ts', '2'),
    lines: 4,
  },
  'config: bad value inside the second task': {
    args: ['--config', 'task-key.config.ts', 'plugins'],
    code: 2,
    message: /^error: Invalid config at `tasks\[1\]\.instruction`: /,
    at: where('task-key.config.ts', '7'),
    lines: 4,
  },
  'config: bad task id': {
    args: ['--config', 'bad-id.config.ts', 'plugins'],
    code: 2,
    message: /^error: Invalid config at `tasks\[0\]\.id`: /,
    at: where('bad-id.config.ts', '2'),
    lines: 4,
  },
  'config: duplicate task ids': {
    args: ['--config', 'dup-task.config.ts', 'plugins'],
    code: 2,
    message:
      /^error: Task id "qa" is defined twice: at .*dup-task\.config\.ts:3 and at .*dup-task\.config\.ts:4\.$/,
  },
  'config: duplicate run-config names': {
    args: ['--config', 'dup-run.config.ts', 'plugins'],
    code: 2,
    message: /^error: Run config "r" of task "qa" is defined twice: at .*:4 and at .*:5\.$/,
  },
  'config: no default export': {
    args: ['--config', 'no-default.config.mjs', 'plugins'],
    code: 2,
    message: /^error: Config file no-default\.config\.mjs has no default export object\.$/,
  },
  'config: --config missing': {
    args: ['--config', 'nope.config.ts', 'plugins'],
    code: 2,
    message: /^error: Config file not found: .*nope\.config\.ts\.$/,
  },
  'config: --config is a folder': {
    args: ['--config', 'folder.jsonl', 'plugins'],
    code: 2,
    message: /^error: .*folder\.jsonl is a folder, not a file\.$/,
  },
  // Files
  'import: not UTF-8': {
    args: ['import', 'bad-utf8.jsonl', '--task', 'double'],
    code: 2,
    message:
      /^error: bad-utf8\.jsonl is not UTF-8 text: line 2 holds a byte that is not valid UTF-8; nothing was imported\.$/,
    at: where('bad-utf8.jsonl', '2'),
  },
  'import: CSV not UTF-8': {
    args: ['import', 'bad-utf8.csv', '--task', 'double'],
    code: 2,
    message: /^error: bad-utf8\.csv is not UTF-8 text: line 3 holds /,
    at: where('bad-utf8.csv', '3'),
  },
  'import: empty file': {
    args: ['import', 'empty.jsonl', '--task', 'double'],
    code: 2,
    message: /^error: empty\.jsonl is empty: there is nothing to import\.$/,
  },
  'import: only blank lines': {
    args: ['import', 'blank.jsonl', '--task', 'double', '--format', 'gsm8k'],
    code: 2,
    message: /^error: blank\.jsonl is empty: there is nothing to import\.$/,
  },
  'import: a folder': {
    args: ['import', 'folder.jsonl', '--task', 'double'],
    code: 2,
    message: /^error: folder\.jsonl is a folder, not a file\.$/,
  },
  'import: missing file': {
    args: ['import', 'missing.jsonl', '--task', 'double'],
    code: 2,
    message: /^error: File not found: missing\.jsonl\.$/,
  },
  'import: bad JSON on a line': {
    args: ['import', 'bad-json.jsonl', '--task', 'double'],
    code: 2,
    message: /^error: bad-json\.jsonl: 1 bad record; nothing was imported\.$/,
    lines: 4,
  },
  'import: unknown task': {
    args: ['import', GSM8K, '--task', 'nope'],
    code: 2,
    message: /^error: .*"nope"/,
  },
  // A flag naming a plugin no manifest declares is a usage error: exit 2, the known ids, the closest.
  'import: unknown parser': {
    args: ['import', GSM8K, '--task', 'double', '--parser', 'nope'],
    code: 2,
    message: /^error: --parser nope: unknown parser\.$/,
  },
  'parse: mistyped parser': {
    args: ['parse', 'out.jsonl', '--parser', 'think-tag'],
    code: 2,
    message: /^error: --parser think-tag: unknown parser; did you mean --parser think-tags\?$/,
  },
  'check: unknown backend': {
    args: ['check', 'out.jsonl', '--backend', 'togther'],
    code: 2,
    message: /^error: --backend togther: unknown fine-tune backend; did you mean --backend together\?$/,
  },
  'train: unknown backend': {
    args: ['train', '--dataset', 'd1', '--model', 'm', '--backend', 'nope', '--dry-run'],
    code: 2,
    message: /^error: --backend nope: unknown fine-tune backend\.$/,
  },
  'run: unknown provider': {
    args: ['run', '--provider', 'opneai', '--model', 'm', '--input', 'hi'],
    code: 2,
    message: /^error: --provider opneai: unknown provider; did you mean --provider openai\?$/,
  },
  'export: unknown parser': {
    args: [
      'export',
      'd1',
      '--strategy',
      'reasoning',
      '--format',
      'r1',
      '--parser',
      'nope',
      '--out',
      'out.jsonl',
    ],
    code: 2,
    message: /^error: --parser nope: unknown parser\.$/,
  },
  'check: missing file': {
    args: ['check', 'missing.jsonl'],
    code: 2,
    message: /^error: .*missing\.jsonl does not exist\.$/,
  },
  'check: a folder': {
    args: ['check', 'folder.jsonl'],
    code: 2,
    message: /^error: File .*folder\.jsonl is a folder, not a file\.$/,
  },
  'check: missing --against': {
    args: ['check', 'inputs.jsonl', '--against', 'nope.jsonl'],
    code: 2,
    message: /^error: Validation file not found: .*nope\.jsonl\.$/,
  },
  'generate: inputs not UTF-8': {
    args: ['generate', '--task', 'double', '--inputs', 'bad-utf8.txt'],
    code: 2,
    message:
      /^error: bad-utf8\.txt is not UTF-8 text: line 2 holds a byte that is not valid UTF-8; nothing was generated\.$/,
    at: where('bad-utf8.txt', '2'),
  },
  'generate: empty inputs': {
    args: ['generate', '--task', 'double', '--inputs', 'empty.jsonl'],
    code: 2,
    message: /^error: empty\.jsonl is empty: there are no inputs to generate from\.$/,
  },
  'generate: inputs is a folder': {
    args: ['generate', '--task', 'double', '--inputs', 'folder.jsonl'],
    code: 2,
    message: /^error: folder\.jsonl is a folder, not a file\.$/,
  },
  'generate: missing inputs': {
    args: ['generate', '--task', 'double', '--inputs', 'missing.jsonl'],
    code: 2,
    message: /^error: File not found: missing\.jsonl\.$/,
  },
  'generate: unknown task': {
    args: ['generate', '--task', 'nope', '--inputs', 'inputs.jsonl'],
    code: 2,
    message: /^error: .*"nope"/,
  },
  'generate: unknown run config': {
    args: ['generate', '--task', 'double', '--run-config', 'nope', '--inputs', 'inputs.jsonl'],
    code: 2,
    message: /^error: .*"nope"/,
  },
  'run: missing input file': {
    args: ['run', '--provider', 'openai', '--model', 'm', '--input-file', 'missing.txt'],
    code: 2,
    message: /^error: File not found: missing\.txt\.$/,
  },
  'run: empty input file': {
    args: ['run', '--provider', 'openai', '--model', 'm', '--input-file', 'empty.jsonl'],
    code: 2,
    message: /^error: empty\.jsonl is empty\.$/,
  },
  'parse: not UTF-8': {
    args: ['parse', '--parser', 'deepseek-r1', 'bad-utf8.txt'],
    code: 2,
    message: /^error: bad-utf8\.txt is not UTF-8 text: line 2 holds a byte that is not valid UTF-8\.$/,
  },
  // Flags
  'flags: misspelt required flag': {
    args: ['generate', '--taks', 'double'],
    code: 2,
    message: /^error: unknown option --taks; did you mean --task\?$/,
  },
  'flags: misspelt list flag': {
    args: ['samples', 'list', '--limt', '3'],
    code: 2,
    message: /^error: unknown option --limt; did you mean --limit\?$/,
  },
  'flags: misspelt export flag': {
    args: ['export', 'd1', '--stratgy', 'reasoning', '--format', 'r1', '--out', 'out.jsonl'],
    code: 2,
    message: /^error: unknown option --stratgy; did you mean --strategy\?$/,
  },
  'flags: misspelt dataset flag': {
    args: ['dataset', 'create', '--task', 'double', '--name', 'd2', '--sed', '3'],
    code: 2,
    message: /^error: unknown option --sed; did you mean --seed\?$/,
  },
  'flags: unknown command': {
    args: ['exprot'],
    code: 2,
    message: /^error: unknown command "exprot"; did you mean distill export\?$/,
  },
  'flags: bad choice': {
    args: ['export', 'd1', '--strategy', 'reasoning', '--format', 'xml', '--out', 'out.jsonl'],
    code: 2,
    message: /^error: option '--format <format>' argument 'xml' is invalid\. Allowed choices are /,
  },
  'flags: --limit out of range': {
    args: ['samples', 'list', '--limit', '0'],
    code: 2,
    message: /^error: --limit must be a whole number from 1 to 10000, got "0"\.$/,
  },
  'flags: --concurrency out of range': {
    args: ['generate', '--task', 'double', '--inputs', 'inputs.jsonl', '--concurrency', '5000'],
    code: 2,
    message: /^error: --concurrency must be a whole number from 1 to 1024, got "5000"\.$/,
  },
  'flags: --seed not a number': {
    args: ['dataset', 'create', '--task', 'double', '--name', 'd2', '--seed', 'abc'],
    code: 2,
    message: /^error: --seed must be a whole number, got "abc"\.$/,
  },
  'flags: --split not adding up': {
    args: ['dataset', 'create', '--task', 'double', '--name', 'd2', '--split', 'train=0.5,test=0.2'],
    code: 2,
    message: /^error: .*split/i,
  },
  'flags: --max-seq-length not a number': {
    args: ['check', 'inputs.jsonl', '--max-seq-length', 'lots'],
    code: 2,
    message: /^error: --max-seq-length must be a whole number > 0, got "lots"\.$/,
  },
  // Ids
  'ids: unknown dataset': {
    args: ['export', 'nope', '--strategy', 'reasoning', '--format', 'r1', '--out', 'out.jsonl'],
    code: 2,
    message: /^error: .*nope/,
  },
  'ids: unknown split': {
    args: [
      'export',
      'd1',
      '--split',
      'holdout',
      '--strategy',
      'reasoning',
      '--format',
      'r1',
      '--out',
      'out.jsonl',
    ],
    code: 2,
    message: /^error: .*holdout/,
  },
  'ids: unknown sample': {
    args: ['samples', 'show', 'no-such-id'],
    code: 2,
    message: /^error: .*no-such-id/,
  },
  'ids: bad rating': {
    args: ['samples', 'rate', 'no-such-id', '9'],
    code: 2,
    message: /^error: rating must be a whole number from 1 to 5, got "9"\.$/,
  },
};

describe('every bad input gets one clear message and changes nothing', { timeout: 120_000 }, () => {
  it.each(Object.entries(CASES))('%s', async (_name, c) => {
    const before = storeSnapshot();
    const requests = server.requests.length;
    const run = await runCli(c.args, { cwd: project.dir, env: { ...mockEnv(server), ...c.env } });
    const lines = expectUserError(run, c.code, c.message, { lines: (c.lines ?? 2) + 1 });
    // No hint may suggest writing a key into a file.
    expect(run.stderr).not.toMatch(
      /apiKey in the provider options|(api[ _-]?key|secret|token).{0,40}(config file|distill\.config|\.env|into a file)/i,
    );
    if (c.at) expect(lines.find((l) => l.startsWith('  at '))).toMatch(c.at);
    expect(
      lines.some((l) => l.startsWith('  hint: ')),
      run.stderr,
    ).toBe(true);
    expect(storeSnapshot()).toEqual(before);
    expect(readFileSync(file('out.jsonl'), 'utf8')).toBe('KEEP\n');
    expect(server.requests.length).toBe(requests);
  });
});
