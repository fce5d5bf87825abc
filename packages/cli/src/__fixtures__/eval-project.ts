import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type Gsm8kProblem, gsm8kAnswerer } from '@distillery/testkit';
import { BIN } from './run-cli';

/**
 * The first 200 problems of GSM8K's test split (openai/grade-school-math, MIT licence in
 * gsm8k-LICENSE beside this file).
 */
export const GSM8K_TEST_200 = path.join(path.dirname(BIN), '../src/__fixtures__/gsm8k-test-200.jsonl');

export function gsm8kTestProblems(): Gsm8kProblem[] {
  return readFileSync(GSM8K_TEST_200, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => {
      const { question, answer } = JSON.parse(line) as { question: string; answer: string };
      return { question, answer: /####\s*(.+)$/.exec(answer)![1]!.trim() };
    });
}

/** Prices per million tokens; with the answerer's usage (100 in, 50 out) one call costs exactly this. */
export const EVAL_PRICES = {
  'teacher-r1': { inputPerMillion: 2, outputPerMillion: 8, perCall: 0.0006 },
  'ft:student': { inputPerMillion: 0.5, outputPerMillion: 1, perCall: 0.0001 },
  'base-model': { inputPerMillion: 0.2, outputPerMillion: 0.4, perCall: 0.00004 },
} as const;

/** The true accuracy of each mock model on GSM8K. */
export const TRUE_ACCURACY = { 'teacher-r1': 0.9, 'ft:student': 0.75, 'base-model': 0.3 } as const;

export function evalAnswerer(delayMs?: number) {
  return gsm8kAnswerer({
    problems: gsm8kTestProblems(),
    accuracy: TRUE_ACCURACY,
    reasoningModels: ['teacher-r1'],
    ...(delayMs ? { delayMs } : {}),
  });
}

/** A temp project: task gsm8k with a reasoning teacher run config and priced models, the GSM8K test slice beside it. */
export function evalProject(): { dir: string; cleanup(): void } {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'distill-eval-'));
  const pricing = (id: keyof typeof EVAL_PRICES) =>
    `{ inputPerMillion: ${EVAL_PRICES[id].inputPerMillion}, outputPerMillion: ${EVAL_PRICES[id].outputPerMillion} }`;
  writeFileSync(
    path.join(dir, 'distill.config.ts'),
    `export default {
  providers: { openai: { maxRetries: 1 } },
  models: {
    'teacher-r1': { reasoning: 'field', pricing: ${pricing('teacher-r1')} },
    'ft:student': { reasoning: 'none', pricing: ${pricing('ft:student')} },
    'base-model': { reasoning: 'none', pricing: ${pricing('base-model')} },
  },
  tasks: [
    {
      id: 'gsm8k',
      name: 'Grade-school maths',
      instruction: 'Solve the maths word problem. End with a line "#### N" holding the final number.',
      runConfigs: [{ name: 'teacher', provider: 'openai', model: 'teacher-r1', flow: 'reasoning' }],
    },
  ],
};
`,
  );
  writeFileSync(path.join(dir, 'gsm8k-test.jsonl'), readFileSync(GSM8K_TEST_200));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}
