import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SampleInput } from '@distillery/core';
import deepseekParsers from '@distillery/parser-deepseek';
import openai from '@distillery/provider-openai';
import together from '@distillery/provider-together';
import scorers from '@distillery/scorers';
import { createContext, importSamples, openSampleStore, openSession, type Session } from '@distillery/runtime';

/** The first 200 lines of GSM8K's train split, kept in the repository (MIT, see gsm8k-LICENSE). */
export const GSM8K_TRAIN = fileURLToPath(new URL('./gsm8k-train-200.jsonl', import.meta.url));

export interface WebTestProject {
  dir: string;
  session: Session;
  cleanup(): void;
}

const CONFIG = `export default {
  tasks: [
    {
      id: 'gsm8k',
      name: 'Grade-school maths',
      instruction: 'Solve the maths word problem. Reply with the final numeric answer only: digits, no units, no commas.',
      thinkingInstruction: 'Think step by step: write out each calculation before giving the answer.',
      inputSchema: { type: 'string' },
      outputSchema: { type: 'string' },
      runConfigs: [
        { name: 'r1-teacher', provider: 'together', model: 'deepseek-ai/DeepSeek-R1', flow: 'reasoning', parser: 'deepseek-r1', parameters: { thinking: true } },
        { name: 'cot-teacher', provider: 'openai', model: 'gpt-4.1-mini', flow: 'cot' },
      ],
    },
  ],
  dataDir: '.distill',
};
`;

/**
 * A temp project with task `gsm8k`: the first `gsm8kLines` records of GSM8K's train split imported
 * with the runtime's importSamples, plus `extra` samples, and a session whose providers (the real
 * OpenAI-compatible and Together plugins) read `env` (point it at the testkit's mock server).
 */
export async function createWebTestProject(options: {
  gsm8kLines: number;
  env: Record<string, string>;
  extra?: readonly SampleInput[];
  /** The project's `distill.config.ts` instead of the default one (task `gsm8k` with two teachers). */
  config?: string;
}): Promise<WebTestProject> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'distill-web-'));
  writeFileSync(path.join(dir, 'distill.config.ts'), options.config ?? CONFIG);
  const store = await openSampleStore({ dir: path.join(dir, '.distill') });
  try {
    if (options.gsm8kLines > 0) {
      if (options.gsm8kLines > 200) throw new Error('The GSM8K slice in the repository has 200 lines.');
      const slice = readFileSync(GSM8K_TRAIN, 'utf8').split('\n').slice(0, options.gsm8kLines).join('\n');
      writeFileSync(path.join(dir, 'gsm8k-slice.jsonl'), `${slice}\n`);
      await importSamples({ store, cwd: dir }, { file: 'gsm8k-slice.jsonl', taskId: 'gsm8k', tags: ['gsm8k'] });
    }
    if (options.extra?.length) await store.insertMany(options.extra);
  } finally {
    await store.close();
  }
  const session = await openSession(createContext({ cwd: dir, env: options.env }), {
    builtins: [
      { value: deepseekParsers, packageName: '@distillery/parser-deepseek' },
      { value: openai, packageName: '@distillery/provider-openai' },
      { value: together, packageName: '@distillery/provider-together' },
      { value: scorers, packageName: '@distillery/scorers' },
    ],
  });
  return { dir, session, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** `count` synthetic samples with reasoning, numbered from 1, oldest first. */
export function syntheticSamples(count: number): SampleInput[] {
  const start = Date.UTC(2025, 0, 1);
  const out: SampleInput[] = [];
  for (let i = 1; i <= count; i++) {
    out.push({
      id: `syn-${String(i).padStart(6, '0')}`,
      taskId: 'gsm8k',
      input: `Synthetic problem #${i}: what is ${i} + ${i}?`,
      output: { content: String(i * 2) },
      reasoning: i % 7 === 0 ? null : { text: `${i} plus ${i} makes ${i * 2}.`, origin: 'model-field' },
      source: {
        type: 'synthetic',
        runConfig: { name: 'r1-teacher', provider: 'together', model: 'deepseek-ai/DeepSeek-R1', flow: 'reasoning' },
      },
      tags: i % 10 === 0 ? ['tens'] : [],
      rating: i % 5 === 0 ? 5 : null,
      usage: { inputTokens: 40, outputTokens: 20, reasoningTokens: 12 },
      costUsd: 0.00012,
      latencyMs: 800,
      createdAt: new Date(start + i * 1000).toISOString(),
    });
  }
  return out;
}
