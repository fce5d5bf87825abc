import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { generationProject } from '../__fixtures__/generation-project';
import { BIN, runCli } from '../__fixtures__/run-cli';

let project: ReturnType<typeof generationProject>;
const GSM8K = path.join(path.dirname(BIN), '../src/__fixtures__/gsm8k-5.jsonl');

beforeEach(() => {
  project = generationProject();
});
afterEach(() => project.cleanup());

const cli = (args: string[]) => runCli(args, { cwd: project.dir });
const parse = (stdout: string) => {
  expect(stdout.trim().split('\n')).toHaveLength(1);
  return JSON.parse(stdout) as Record<string, unknown>;
};

describe('distill import', { timeout: 60_000 }, () => {
  it('imports GSM8K with reasoning split from the answer; a second import skips duplicates', async () => {
    const first = await cli(['import', GSM8K, '--task', 'double', '--tag', 'train', '--json']);
    expect(first.code, first.stderr).toBe(0);
    expect(parse(first.stdout)).toMatchObject({
      format: 'gsm8k',
      records: 5,
      imported: 5,
      skippedDuplicates: 0,
      tags: ['import', 'format:gsm8k', 'train'],
    });
    const again = await cli(['import', GSM8K, '--task', 'double']);
    expect(again.stdout).toContain('Imported 0 of 5 records');
    expect(again.stdout).toContain('5 already stored (skipped)');
    const list = parse(
      (await cli(['samples', 'list', '--json', '--has-reasoning', '--tag', 'train'])).stdout,
    );
    expect(list.total).toBe(5);
    const natalia = (list.samples as { output: { content: string }; reasoning: { text: string } }[]).find(
      (s) => s.reasoning.text.includes('Natalia sold 48/2 = 24'),
    )!;
    expect(natalia.output.content).toBe('72');
    expect(natalia.reasoning.text).not.toContain('<<');
  });

  it('keeps calculator annotations when asked, and a dry run writes nothing', async () => {
    const dry = await cli([
      'import',
      GSM8K,
      '--task',
      'double',
      '--dry-run',
      '--keep-calculator-annotations',
    ]);
    expect(dry.stdout).toContain('Would import 5 of 5 records');
    expect(parse((await cli(['samples', 'list', '--json'])).stdout).total).toBe(0);
    await cli(['import', GSM8K, '--task', 'double', '--keep-calculator-annotations']);
    const list = parse((await cli(['samples', 'list', '--json', '--search', 'Natalia'])).stdout);
    expect((list.samples as { reasoning: { text: string } }[])[0]!.reasoning.text).toContain('<<48/2=24>>');
  });

  it('reports every bad line as file:line: reason and imports nothing', async () => {
    writeFileSync(
      path.join(project.dir, 'bad.jsonl'),
      '{"question":"1+1?","answer":"1+1=2\\n#### 2"}\n{oops\n{"question":"2+2?"}\n',
    );
    const run = await cli(['import', 'bad.jsonl', '--task', 'double', '--format', 'gsm8k']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('bad.jsonl: 2 bad records; nothing was imported.');
    expect(run.stderr).toMatch(/bad\.jsonl:2: /);
    expect(run.stderr).toMatch(/bad\.jsonl:3: /);
    const asJson = await cli(['import', 'bad.jsonl', '--task', 'double', '--json']);
    expect((parse(asJson.stdout).problems as { line: number }[]).map((p) => p.line)).toEqual([2, 3]);
    expect(parse((await cli(['samples', 'list', '--json'])).stdout).total).toBe(0);
  });

  it('splits raw outputs of any family with the parser its model picks', async () => {
    const file = path.join(project.dir, 'raw.jsonl');
    const rows = [
      {
        prompt: 'q:21',
        completion:
          '<|channel|>analysis<|message|>Double 21: 42.<|end|><|start|>assistant<|channel|>final<|message|>42',
      },
      { prompt: 'q:5', completion: 'analysisDouble 5: 10.assistantfinal10' },
    ];
    writeFileSync(file, `${rows.map((r) => JSON.stringify(r)).join('\n')}\n`);
    const run = await cli(['import', file, '--task', 'double', '--model', 'openai/gpt-oss-20b', '--json']);
    expect(run.code, run.stderr).toBe(0);
    expect(parse(run.stdout)).toMatchObject({ format: 'prompt-completion', imported: 2 });
    const list = parse((await cli(['samples', 'list', '--json', '--has-reasoning'])).stdout);
    const got = (
      list.samples as { input: string; output: { content: string }; reasoning: { text: string } }[]
    )
      .map((s) => [s.input, s.reasoning.text, s.output.content])
      .sort();
    expect(got).toEqual([
      ['q:21', 'Double 21: 42.', '42'],
      ['q:5', 'Double 5: 10.', '10'],
    ]);
    const auto = await cli(['import', file, '--task', 'double', '--parser', 'auto']);
    expect(auto.code).toBe(2);
    expect(auto.stderr.split('\n')[0]).toBe(
      'error: --parser auto needs --model ID: the model that wrote the answers.',
    );
  });

  it('names the known tasks for an unknown one', async () => {
    const run = await cli(['import', GSM8K, '--task', 'nope']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('Unknown task "nope"');
    expect(run.stderr).toContain('double');
  });
});
