import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXAMPLE_DIR, runCli } from '../__fixtures__/run-cli';

const outputs = path.join(EXAMPLE_DIR, 'outputs');

async function parseJson(args: string[], stdin?: string) {
  const run = await runCli(['parse', ...args, '--json'], {
    cwd: EXAMPLE_DIR,
    ...(stdin === undefined ? {} : { stdin }),
  });
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
  const lines = run.stdout.trim().split('\n');
  expect(lines).toHaveLength(1);
  return JSON.parse(lines[0]!) as { reasoning: string; content: string; truncated: boolean };
}

async function chunksFile(chunks: string[]): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'distill-chunks-'));
  const file = path.join(dir, 'chunks.json');
  await writeFile(file, JSON.stringify(chunks));
  return file;
}

describe('distill parse', () => {
  it('splits R1 output whose opening tag was in the prompt', async () => {
    expect(await parseJson([path.join(outputs, 'r1-no-open-tag.txt'), '--parser', 'deepseek-r1'])).toEqual({
      reasoning:
        'Natalia sold 48 clips in April. In May she sold half as many: 48 / 2 = 24.\nAltogether: 48 + 24 = 72.\n',
      content: '\n\n72',
      truncated: false,
    });
  });

  it('consumes a leading <think> for R1 and trims on request', async () => {
    expect(
      await parseJson([path.join(outputs, 'r1-with-open-tag.txt'), '--parser', 'deepseek-r1', '--trim']),
    ).toEqual({
      reasoning: 'Weng earns 12 / 60 = $0.2 per minute.\nFor 50 minutes: 0.2 * 50 = $10.',
      content: '10',
      truncated: false,
    });
  });

  it('keeps truncated reasoning as reasoning, flagged', async () => {
    const result = await parseJson([path.join(outputs, 'r1-truncated.txt'), '--parser', 'deepseek-r1']);
    expect(result.truncated).toBe(true);
    expect(result.content).toBe('');
    expect(result.reasoning.endsWith('100 - 50 - 15 - 30 = ')).toBe(true);
  });

  it('reads Qwen3 output with thinking off', async () => {
    const file = path.join(outputs, 'qwen3-thinking-off.txt');
    expect(await parseJson([file, '--parser', 'qwen3', '--thinking', 'off', '--trim'])).toEqual({
      reasoning: '',
      content: 'The answer is 42.',
      truncated: false,
    });
    // A prompt that already closed the thinking block wins: everything is the answer.
    const tail = await parseJson(
      ['-', '--parser', 'qwen3', '--prompt-tail', '<think>\n\n</think>\n\n'],
      'Just 42.',
    );
    expect(tail).toEqual({ reasoning: '', content: 'Just 42.', truncated: false });
  });

  it('joins multiple blocks and keeps unicode intact', async () => {
    expect(
      await parseJson([path.join(outputs, 'multi-block-unicode.txt'), '--parser', 'think-tags']),
    ).toEqual({
      reasoning: 'First, the units: 3 km = 3000 m.\nThen 3000 / 4 = 750 m per lap — ½ of 1500 🙂',
      content: 'Converting… 750',
      truncated: false,
    });
  });

  it('gives the same result streamed in chunks as whole, tags split across chunks', async () => {
    const chunks = JSON.parse(
      await import('node:fs/promises').then((fs) =>
        fs.readFile(path.join(outputs, 'r1-stream-chunks.json'), 'utf8'),
      ),
    ) as string[];
    const streamed = await parseJson([
      '--chunks',
      path.join(outputs, 'r1-stream-chunks.json'),
      '--parser',
      'deepseek-r1',
    ]);
    const whole = await parseJson(['-', '--parser', 'deepseek-r1'], chunks.join(''));
    expect(streamed).toEqual(whole);
    expect(streamed.content).toBe('\n\nShe has read 36 pages, so 84 remain; half is 42.');
    const oneChar = await parseJson([
      '--chunks',
      await chunksFile(Array.from(chunks.join(''))),
      '--parser',
      'deepseek-r1',
    ]);
    expect(oneChar).toEqual(whole);
  });

  it('prints reasoning and answer apart for people', async () => {
    const run = await runCli(['parse', path.join(outputs, 'r1-truncated.txt'), '--parser', 'deepseek-r1'], {
      cwd: EXAMPLE_DIR,
    });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Reasoning (cut off: the output ended while still thinking)');
    expect(run.stdout).toContain('Answer\n(empty)');
  });

  it('uses the third-party parser loaded from the example config', async () => {
    expect(await parseJson([path.join(outputs, 'magistral.txt'), '--parser', 'mistral'])).toEqual({
      reasoning:
        'James writes 3 pages to 2 friends twice a week: 3 * 2 * 2 = 12 pages a week.\n52 weeks: 12 * 52 = 624.',
      content: '624',
      truncated: false,
    });
  });

  it('ends bad input with one clear line and a non-zero exit', async () => {
    const unknown = await runCli(['parse', '-', '--parser', 'r2'], { stdin: 'x' });
    expect(unknown.code).toBe(2);
    expect(unknown.stderr.split('\n')[0]).toBe('error: --parser r2: unknown parser.');
    expect(unknown.stderr).toContain('Known parsers: auto, deepseek-r1,');
    expect(unknown.stderr).not.toMatch(/\n\s+at /);

    const missing = await runCli(['parse', 'nope.txt', '--parser', 'deepseek-r1']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('error: File not found: nope.txt.');

    const badChunks = await runCli([
      'parse',
      '--chunks',
      await chunksFile(['a', 3 as unknown as string]),
      '--parser',
      'qwen3',
    ]);
    expect(badChunks.code).toBe(2);
    expect(badChunks.stderr).toContain('element 1 is 3, not a string');

    const badMode = await runCli(['parse', '-', '--parser', 'qwen3', '--thinking', 'maybe']);
    expect(badMode.code).toBe(2);
    expect(badMode.stderr).toContain("error: option '--thinking <mode>' argument 'maybe' is invalid");
  });
});

describe('distill parse: every family, by id and by --parser auto --model', { timeout: 600_000 }, () => {
  const families: { model: string; parser: string; text: string; reasoning: string; content: string }[] = [
    {
      model: 'openai/gpt-oss-120b',
      parser: 'gpt-oss',
      text: '<|channel|>analysis<|message|>0.15 * 80 = 12.<|end|><|start|>assistant<|channel|>final<|message|>12',
      reasoning: '0.15 * 80 = 12.',
      content: '12',
    },
    {
      model: 'zai-org/GLM-4.6',
      parser: 'glm45',
      text: '<think>48 / 2 = 24; 48 + 24 = 72.</think>72',
      reasoning: '48 / 2 = 24; 48 + 24 = 72.',
      content: '72',
    },
    {
      model: 'moonshotai/Kimi-K2-Thinking',
      parser: 'kimi-k2',
      text: '48 + 24 = 72.</think>72',
      reasoning: '48 + 24 = 72.',
      content: '72',
    },
    {
      model: 'ByteDance-Seed/Seed-OSS-36B-Instruct',
      parser: 'seed-oss',
      text: '<seed:think>12 × 5 = 60.</seed:think>60',
      reasoning: '12 × 5 = 60.',
      content: '60',
    },
    {
      model: 'tencent/Hunyuan-A13B-Instruct',
      parser: 'hunyuan-a13b',
      text: '<think>6 × 7 = 42.</think><answer>42</answer>',
      reasoning: '6 × 7 = 42.',
      content: '42',
    },
    {
      model: 'mistralai/Magistral-Small-2509',
      parser: 'magistral',
      text: '[THINK]10% is 8, 5% is 4.[/THINK]12',
      reasoning: '10% is 8, 5% is 4.',
      content: '12',
    },
  ];

  it('gives the family’s split whole, picked by id or from the model, and in 1-3 character chunks', async () => {
    for (const family of families) {
      const expected = { reasoning: family.reasoning, content: family.content, truncated: false };
      expect(await parseJson(['-', '--parser', family.parser], family.text), family.model).toEqual(expected);
      expect(
        await parseJson(['-', '--parser', 'auto', '--model', family.model], family.text),
        family.model,
      ).toEqual({
        ...expected,
        parser: family.parser,
      });
    }
    for (const family of [families[0]!, families[2]!]) {
      const chunks: string[] = [];
      for (let i = 0, n = 1; i < family.text.length; i += n, n = (n % 3) + 1)
        chunks.push(family.text.slice(i, i + n));
      expect(await parseJson(['--chunks', await chunksFile(chunks), '--model', family.model])).toEqual({
        reasoning: family.reasoning,
        content: family.content,
        truncated: false,
        parser: family.parser,
      });
    }
  });

  it('reads an unclosed template-opened block as the answer with --finish-reason stop, as truncated with length', async () => {
    const text = 'The answer is 4.';
    expect(await parseJson(['-', '--parser', 'deepseek-r1', '--finish-reason', 'stop'], text)).toEqual({
      reasoning: '',
      content: text,
      truncated: false,
    });
    expect(await parseJson(['-', '--model', 'zai-org/GLM-4.7', '--finish-reason', 'length'], text)).toEqual({
      reasoning: text,
      content: '',
      truncated: true,
      parser: 'glm47',
    });
  });

  it('says which parser it picked, and what to do when it cannot pick one', async () => {
    const run = await runCli(['parse', '-', '--model', 'Qwen/Qwen3-8B'], { stdin: '<think>a</think>b' });
    expect(run.code).toBe(0);
    expect(run.stdout.split('\n')[0]).toBe('Parser: qwen3 (model pattern "qwen3")');
    const none = await runCli(['parse', '-'], { stdin: 'x' });
    expect(none.code).toBe(2);
    expect(none.stderr.split('\n')[0]).toBe(
      'error: distill parse needs --parser ID, or --model ID to pick the parser from.',
    );
    const unknown = await runCli(['parse', '-', '--model', 'gpt-4o-mini'], { stdin: 'x' });
    expect(unknown.code).toBe(2);
    expect(unknown.stderr.split('\n')[0]).toBe(
      'error: No reasoning parser is known for model "gpt-4o-mini".',
    );
  });
});
