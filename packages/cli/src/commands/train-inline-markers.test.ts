import { existsSync, readdirSync } from 'node:fs';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { type MockServer, startMockServer } from '@distillery/testkit';
import { failOnSpecViolations } from '@distillery/testkit/vitest';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { REPO_ROOT, runCli } from '../__fixtures__/run-cli';

failOnSpecViolations();

const GSM8K = path.resolve(REPO_ROOT, 'examples/gsm8k/data/train.jsonl');
const KEY = 'sk-inline-markers-4321';
/** Magistral 2507: `[THINK]…[/THINK]` control tokens; the mock's limits are set up for it in each test. */
const MAGISTRAL = 'mistralai/Magistral-Small-2507';
/** A base model no parser's pattern fits. */
const PLAIN = 'acme/Plain-Chat-8B';
let server: MockServer;
let project: string;

const env = () => ({
  TOGETHER_API_KEY: KEY,
  TOGETHER_BASE_URL: server.togetherBaseURL,
  OPENAI_API_KEY: KEY,
  OPENAI_BASE_URL: server.openaiBaseURL,
});
const distill = (args: string[]) => runCli(args, { cwd: project, env: env() });

async function json<T>(args: string[]): Promise<T> {
  const run = await distill([...args, '--json']);
  if (run.code !== 0) throw new Error(`distill ${args.join(' ')} exited ${run.code}:\n${run.stderr}`);
  return JSON.parse(run.stdout.trim()) as T;
}

interface Train {
  plan: {
    format: string;
    files: { split: string; path: string; withReasoning: number | null; examples: number }[];
    call: { flow: string; parser?: string };
    inline: { parser?: string; reason: string; markers: { open: string; close: string } } | null;
  };
  fineTune?: { id: string; parser?: string; baseModel: string };
}

/** The assistant contents of an exported training file. */
async function assistantContents(file: string): Promise<string[]> {
  const lines = (await readFile(file, 'utf8')).trim().split('\n');
  return lines.map((line) => {
    const messages = (JSON.parse(line) as { messages: { role: string; content: string }[] }).messages;
    return messages.at(-1)!.content;
  });
}

const uploads = () => server.requests.filter((r) => r.path.startsWith('/v1/files') || r.method === 'PUT');
const fineTuneDirs = () => {
  const dir = path.join(project, '.distill', 'fine-tunes');
  return existsSync(dir) ? readdirSync(dir) : [];
};

beforeAll(async () => {
  server = await startMockServer({ simulation: { advanceOnPoll: true } });
  project = await mkdtemp(path.join(os.tmpdir(), 'distill-inline-markers-'));
  expect((await distill(['init', '--example', 'gsm8k'])).code).toBe(0);
  const lines = (await readFile(GSM8K, 'utf8')).split('\n').slice(0, 40).join('\n');
  await writeFile(path.join(project, 'gsm8k-40.jsonl'), `${lines}\n`);
  await json(['import', 'gsm8k-40.jsonl', '--task', 'gsm8k']);
  await json(['dataset', 'create', '--task', 'gsm8k', '--name', 'maths', '--split', 'train=0.8,val=0.2']);
}, 120_000);
afterAll(async () => server.close());
beforeEach(() => {
  server.reset();
  server.fineTunes.setModelLimits(MAGISTRAL).setModelLimits(PLAIN);
});

describe('train writes and checks the student family’s inline reasoning markers', () => {
  it('trains a Magistral student on [THINK] markers, records its parser, and runs it with that parser', async () => {
    const out = await json<Train>([
      'train',
      '--dataset',
      'maths',
      '--model',
      MAGISTRAL,
      '--format',
      'r1',
      '--epochs',
      '1',
    ]);
    expect(out.plan.format).toBe('r1');
    expect(out.plan.inline).toEqual({
      parser: 'magistral',
      reason: 'model pattern "magistral"',
      markers: { open: '[THINK]', close: '[/THINK]' },
    });
    // Every exported example thinks in Magistral's markers, none in <think>; the strict check,
    // which fails a reasoning file whose final turns lack reasoning, counted them all.
    for (const file of out.plan.files) {
      const contents = await assistantContents(file.path);
      expect(contents.length).toBe(file.examples);
      for (const content of contents) {
        expect(content).toMatch(/^\[THINK\]\n[\s\S]+\n\[\/THINK\]\n\n\S/);
        expect(content).not.toContain('<think>');
      }
      expect(file.withReasoning).toBe(file.examples);
    }
    expect(out.plan.call).toMatchObject({ flow: 'reasoning', parser: 'magistral' });
    const ft = out.fineTune!;
    expect(ft.parser).toBe('magistral');
    const uploaded = uploads().find((r) => r.method === 'PUT');
    expect(String(uploaded?.body ?? '')).toContain('[THINK]');

    // The stored record keeps the parser, and the fine-tuned model is called with it.
    expect((await distill(['status', ft.id, '--watch', '--interval', '0.01'])).code).toBe(0);
    const jobs = await json<{ id: string; parser?: string; status: string }[]>(['jobs']);
    expect(jobs.find((j) => j.id === ft.id)).toMatchObject({ parser: 'magistral', status: 'completed' });
    server.reply({ content: '[THINK]\nHalf of 48 is 24; 48 + 24 = 72.\n[/THINK]\n\n72' });
    const answer = await json<{ reasoning: string; content: string }>([
      'run',
      '--finetune',
      ft.id,
      '--input',
      'Natalia sold clips to 48 of her friends in April...',
    ]);
    // Split by the magistral parser (bytes kept verbatim, so the layout's newlines stay).
    expect([answer.reasoning.trim(), answer.content.trim()]).toEqual([
      'Half of 48 is 24; 48 + 24 = 72.',
      '72',
    ]);
  });

  it('keeps <think> when no parser is known for the base model, and says so in the plan', async () => {
    const dry = await distill([
      'train',
      '--dataset',
      'maths',
      '--model',
      PLAIN,
      '--format',
      'r1',
      '--dry-run',
    ]);
    expect(dry.code).toBe(0);
    const line = dry.stdout.split('\n').find((l) => l.trimStart().startsWith('reasoning'));
    expect(line).toMatch(
      /^ {2}reasoning {3}<think>…<\/think> \(no reasoning parser is known for acme\/Plain-Chat-8B, so R1's <think>…<\/think> is written; name the student's family with --parser/,
    );
    const out = await json<Train>([
      'train',
      '--dataset',
      'maths',
      '--model',
      PLAIN,
      '--format',
      'r1',
      '--dry-run',
    ]);
    expect(out.plan.inline?.parser).toBeUndefined();
    expect(out.plan.call.parser).toBe('deepseek-r1');
    for (const content of await assistantContents(out.plan.files[0]!.path)) {
      expect(content).toMatch(/^<think>\n[\s\S]+\n<\/think>\n\n\S/);
    }
    expect(uploads()).toEqual([]);
  });

  it('writes the family --parser names, which wins over the base model’s', async () => {
    const out = await json<Train>([
      'train',
      '--dataset',
      'maths',
      '--model',
      'Qwen/Qwen3-8B',
      '--format',
      'r1',
      '--parser',
      'seed-oss',
      '--dry-run',
    ]);
    expect(out.plan.inline).toMatchObject({ parser: 'seed-oss', reason: '--parser' });
    expect(out.plan.call.parser).toBe('seed-oss');
    for (const content of await assistantContents(out.plan.files[0]!.path)) {
      expect(content).toMatch(/^<seed:think>\n[\s\S]+\n<\/seed:think>\n\n\S/);
    }
  });

  it('refuses, before anything is written or uploaded, a family without inline reasoning and --parser on a format without it', async () => {
    const before = fineTuneDirs();
    const harmony = await distill([
      'train',
      '--dataset',
      'maths',
      '--model',
      'openai/gpt-oss-20b',
      '--format',
      'r1',
    ]);
    expect(harmony.code).toBe(2);
    expect(harmony.stderr.split('\n')[0]).toMatch(
      /The gpt-oss parser \(model pattern "[^"]+"\) takes no inline reasoning: openai\/gpt-oss-20b's chat template keeps reasoning out of the answer text/,
    );
    const field = await distill([
      'train',
      '--dataset',
      'maths',
      '--model',
      MAGISTRAL,
      '--parser',
      'magistral',
    ]);
    expect(field.code).toBe(2);
    expect(field.stderr.split('\n')[0]).toMatch(
      /--parser magistral picks the student's inline reasoning markers, but format together does not write reasoning inline/,
    );
    expect(uploads()).toEqual([]);
    expect(fineTuneDirs()).toEqual(before);
  });
});
